"""PyTorch reference for vae4j's image-model benchmarks (vae-bench ColourConvStepBenchmark and
ResidualBlockBenchmark), at the same shapes, batch 64:

- celeba64: one training step of the CelebA-style conv VAE (AntixK / Pythae): encoder
  Conv(3->32->64->128->256, k4 s2 p1) + ReLU each, Linear(4096 -> 2*128); decoder Linear(128 -> 4096),
  ConvTranspose(256->128->64->32) + ReLU each, ConvTranspose(32->3): vae4j's `conv` with
  channels=32,64,128,256, latent=128 and its wiring (no ReLU after the decoder's Linear).
  Forward, loss (Bernoulli NLL summed + closed-form KL), backward, Adam.
- res256x4x4, res64x16x16: forward and backward of x + Conv1x1(ReLU(Conv3x3(ReLU(x)))) on
  64 feature maps of 256x4x4 or 64x16x16, gradients of both convolutions and of x, from the loss
  sum(y * r) with fixed random r.

Prints, per case, the median and best of several timed rounds as ms per step and images/s. Pin the
threads with the argument (torch.set_num_threads) and the variables:

    PY=$(/work/shared/tools/pytorch-peer.sh)   # PyTorch 2.14 in a virtual environment
    for t in 1 2; do OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t $PY tools/pytorch/image_step_speed.py $t; done
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 64


class CelebaConvVae(nn.Module):
    def __init__(self, channels=(32, 64, 128, 256), latent=128):
        super().__init__()
        sizes = (3,) + tuple(channels)
        self.convs = nn.ModuleList(nn.Conv2d(sizes[i], sizes[i + 1], 4, 2, 1) for i in range(len(channels)))
        self.flat = channels[-1] * 4 * 4
        self.enc_fc = nn.Linear(self.flat, 2 * latent)
        self.dec_fc = nn.Linear(latent, self.flat)
        self.deconvs = nn.ModuleList(nn.ConvTranspose2d(sizes[i + 1], sizes[i], 4, 2, 1)
                                     for i in reversed(range(len(channels))))
        self.last = channels[-1]

    def forward(self, x):
        h = x
        for conv in self.convs:
            h = F.relu(conv(h))
        mu, logvar = self.enc_fc(h.flatten(1)).chunk(2, dim=1)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        h = self.dec_fc(z).view(-1, self.last, 4, 4)
        for deconv in self.deconvs[:-1]:
            h = F.relu(deconv(h))
        return self.deconvs[-1](h), mu, logvar


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, 1, 1)
        self.conv2 = nn.Conv2d(channels, channels, 1, 1, 0)

    def forward(self, x):
        return x + self.conv2(F.relu(self.conv1(F.relu(x))))


def celeba_step():
    torch.manual_seed(1)
    model = CelebaConvVae()
    x = torch.rand(BATCH, 3, 64, 64)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        logits, mu, logvar = model(x)
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        (recon + kl).backward()
        opt.step()
    return step


def block_step(channels, side):
    torch.manual_seed(1)
    block = ResidualBlock(channels)
    x = torch.randn(BATCH, channels, side, side, requires_grad=True)
    r = torch.randn(BATCH, channels, side, side)

    def step():
        (block(x) * r).sum().backward()
    return step


def timed(step, seconds, rounds=5):
    for _ in range(10):
        step()
    per_step = []
    for _ in range(rounds):
        t0, steps = time.perf_counter(), 0
        while time.perf_counter() - t0 < seconds / rounds:
            step()
            steps += 1
        per_step.append((time.perf_counter() - t0) / steps)
    return statistics.median(per_step), min(per_step)


if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    only = sys.argv[2:]
    torch.set_num_threads(threads)
    print(f"torch {torch.__version__}, {threads} thread(s), batch {BATCH}")
    cases = (("celeba64", celeba_step, 10.0), ("res256x4x4", lambda: block_step(256, 4), 5.0),
             ("res64x16x16", lambda: block_step(64, 16), 5.0))
    for name, make, seconds in cases:
        if only and name not in only:
            continue
        median, best = timed(make(), seconds)
        print(f"{name:12s} {threads} thread(s): median {median * 1e3:8.2f} ms/step {BATCH / median:8.0f} images/s, "
              f"best {best * 1e3:8.2f} ms/step {BATCH / best:8.0f} images/s")
