"""PyTorch reference for vae4j's training-step speed (vae-bench TrainingStepBenchmark).

One training step of the same two models on a batch of 128 MNIST-sized images, timed after a
warm-up: forward, loss (Bernoulli NLL summed + closed-form KL), backward, Adam. Prints images/s
for each model and thread count, the median of several timed rounds.

    for t in 1 2; do OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 tools/pytorch/step_speed.py $t; done

Debian's python3-torch (1.13.1) uses whichever BLAS the libblas.so.3 alternative points to: the
reference BLAS by default (about 560 images/s for the MLP VAE here), OpenBLAS once
libopenblas0-pthread is installed. OpenBLAS keeps its own thread pool, hence the variables.
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class MlpVae(nn.Module):
    """pytorch/examples vae/main.py: 784-400-20."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.fc1(x.view(-1, 784)))
        mu, logvar = self.fc21(h), self.fc22(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.fc4(F.relu(self.fc3(z))), mu, logvar


class ConvVae(nn.Module):
    """vae4j's conv-vae defaults: two stride-2 4x4 convolutions, latent 16, and their mirror."""

    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(1, 32, 4, 2, 1)
        self.enc2 = nn.Conv2d(32, 64, 4, 2, 1)
        self.enc_out = nn.Linear(64 * 7 * 7, 2 * 16)
        self.dec_in = nn.Linear(16, 64 * 7 * 7)
        self.dec1 = nn.ConvTranspose2d(64, 32, 4, 2, 1)
        self.dec2 = nn.ConvTranspose2d(32, 1, 4, 2, 1)

    def forward(self, x):
        h = F.relu(self.enc2(F.relu(self.enc1(x))))
        mu, logvar = self.enc_out(h.flatten(1)).chunk(2, dim=1)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        d = F.relu(self.dec_in(z)).view(-1, 64, 7, 7)
        return self.dec2(F.relu(self.dec1(d))).view(-1, 784), mu, logvar


def images_per_second(model, threads, seconds=3.0, rounds=5):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    x = (torch.rand(128, 1, 28, 28) > 0.5).float()
    target = x.view(-1, 784)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        logits, mu, logvar = model(x)
        recon = F.binary_cross_entropy_with_logits(logits, target, reduction="sum")
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        (recon + kl).backward()
        opt.step()

    for _ in range(20):
        step()
    rates = []
    for _ in range(rounds):
        t0, steps = time.perf_counter(), 0
        while time.perf_counter() - t0 < seconds / rounds:
            step()
            steps += 1
        rates.append(steps * 128 / (time.perf_counter() - t0))
    return statistics.median(rates), max(rates)


if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    only = sys.argv[2] if len(sys.argv) > 2 else None  # one model's name, for alternating runs
    print(f"torch {torch.__version__}, {threads} thread(s)")
    for name, make in (("vae", MlpVae), ("conv-vae", ConvVae)):
        if only is not None and name != only:
            continue
        median, best = images_per_second(make(), threads)
        print(f"{name:8s} {threads} thread(s): median {median:8.0f} images/s, best round {best:8.0f}")
