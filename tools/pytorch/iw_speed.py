# Importance-sampled -log p(x) of MNIST test images under a vae4j checkpoint of the pytorch/examples VAE
# (784-400-20, the default `vae train`), the way a PyTorch user would write it: k samples of q(z|x) in chunks,
# Bernoulli log-likelihood with logits, logsumexp over the samples. Prints decoded samples per second and the
# mean -log p(x), for a side-by-side run with `vae evaluate CKPT -k K --limit N --threads T --json`.
# usage: MNIST_DIR=<dir with t10k-images-idx3-ubyte.gz> python iw_speed.py CKPT N K THREADS [ROWS_PER_CHUNK]
import gzip, math, os, sys, time, numpy as np, torch
from torch.nn import functional as F
from safetensors.torch import load_file

ckpt, n, k, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = int(sys.argv[5]) if len(sys.argv) > 5 else 4096
torch.set_num_threads(threads)
w = load_file(ckpt)
with gzip.open(os.environ.get('MNIST_DIR', '/tmp/mnist') + '/t10k-images-idx3-ubyte.gz') as h:
    x_all = torch.from_numpy(np.frombuffer(h.read(), np.uint8, offset=16).reshape(-1, 784)[:n].astype(np.float32) / 255)
lin = lambda t, name: F.linear(t, w[name + '.weight'], w[name + '.bias'])
LOG2PI = math.log(2 * math.pi)

@torch.no_grad()
def neg_log_px(x):  # x: [B, 784]
    h = F.relu(lin(x, 'fc1')); mu, logvar = lin(h, 'fc21'), lin(h, 'fc22'); std = torch.exp(0.5 * logvar)
    c = max(1, min(k, rows // x.shape[0])); parts = []
    for first in range(0, k, c):
        s = min(c, k - first)
        eps = torch.randn(s, *mu.shape); z = mu + std * eps
        logits = lin(F.relu(lin(z, 'fc3')), 'fc4')
        log_px_z = -F.binary_cross_entropy_with_logits(logits, x.expand(s, -1, -1), reduction='none').sum(-1)
        log_pz = -0.5 * (z * z + LOG2PI).sum(-1)
        log_qz = -0.5 * (eps * eps + LOG2PI + logvar).sum(-1)
        parts.append(log_px_z + log_pz - log_qz)
    return -(torch.logsumexp(torch.cat(parts), 0) - math.log(k))

def run(batch=100):
    t = time.perf_counter(); total = 0.0
    for i in range(0, n, batch):
        total += neg_log_px(x_all[i:i + batch]).sum().item()
    return time.perf_counter() - t, total / n

run()  # warm-up
for r in range(3):
    sec, nll = run()
    print(f"pytorch {torch.__version__} threads {threads} n {n} k {k}: {sec:.2f} s, {n * k / sec:,.0f} samples/s, -log p(x) {nll:.2f}", flush=True)
