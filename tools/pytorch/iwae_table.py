# The IWAE paper's models (Burda et al. 2016) in PyTorch, as a peer for vae4j's IWAE-table runs:
# one stochastic layer (784-200-200-50) or two (784-200-200-100-100-100-50), tanh, Bernoulli
# output, dynamically binarised MNIST, batch 20, Adam (eps 1e-4), 3^i epochs at 1e-3·10^(-i/7).
# Every term is sampled (log p(x,h) - log q(h|x)), as in the paper's code; the VAE averages the k
# log-weights, the IWAE takes their log-mean-exp. Prints each epoch's one-sample test bound
# (binarised once) so its first epochs can be set beside vae4j's epoch lines.
# usage: MNIST_DIR=<dir with the .gz IDX files> python iwae_table.py LAYERS MODEL K EPOCHS [SEED] [INIT] [OPT]
#   LAYERS 1|2, MODEL vae|iwae, INIT pytorch (nn.Linear's default) or glorot (the paper's code: every
#   Linear Glorot-uniform with zero biases), OPT adam (torch.optim.Adam on the batch's mean loss, betas from
#   BETAS=0.9,0.999) or paper (the paper code's Adam on the batch's sum, as its code differentiates it:
#   first-moment decay 0.99, second moments starting at 1 with the bias correction of a start at 0, eps on
#   the uncorrected root, each step using the moments of the step before). VAR=log-std reads the Gaussian
#   layers' second head as log σ, as the paper's code does (default log-var: log σ²). The output bias is
#   not set to the data's logits as in the paper's code, nor are the learning rates rounded as there.
import gzip, math, os, sys, time
import numpy as np, torch
from torch import nn

layers, model_type, k, epochs = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 1
init = sys.argv[6] if len(sys.argv) > 6 else 'pytorch'
opt_name = sys.argv[7] if len(sys.argv) > 7 else 'adam'
torch.manual_seed(seed)
torch.set_num_threads(int(os.environ.get('THREADS', '1')))
D = os.environ.get('MNIST_DIR', '/tmp/mnist') + '/'


def images(f):
    with gzip.open(D + f) as h:
        return torch.from_numpy(np.frombuffer(h.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255.0)


train, test = images('train-images-idx3-ubyte.gz'), images('t10k-images-idx3-ubyte.gz')
test_bin = torch.bernoulli(test)
log_std = os.environ.get('VAR', 'log-var') == 'log-std'


def mlp(sizes):
    out = []
    for a, b in zip(sizes, sizes[1:]):
        out += [nn.Linear(a, b), nn.Tanh()]
    return nn.Sequential(*out)


class Gaussian(nn.Module):
    """N(mu(x), exp(logvar(x))) after a tanh chain."""

    def __init__(self, sizes):
        super().__init__()
        self.h = mlp(sizes[:-1])
        self.mu, self.logvar = nn.Linear(sizes[-2], sizes[-1]), nn.Linear(sizes[-2], sizes[-1])

    def forward(self, x):
        h = self.h(x)
        head = self.logvar(h)
        return self.mu(h), 2 * head if log_std else head


def log_normal(z, mu, logvar):
    return -0.5 * (math.log(2 * math.pi) + logvar + (z - mu) ** 2 / logvar.exp()).sum(-1)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        if layers == 1:
            self.q = nn.ModuleList([Gaussian([784, 200, 200, 50])])
            self.p = nn.ModuleList([])
            self.dec = nn.Sequential(mlp([50, 200, 200]), nn.Linear(200, 784))
        else:
            self.q = nn.ModuleList([Gaussian([784, 200, 200, 100]), Gaussian([100, 100, 100, 50])])
            self.p = nn.ModuleList([Gaussian([50, 100, 100, 100])])
            self.dec = nn.Sequential(mlp([100, 200, 200]), nn.Linear(200, 784))

    def log_weights(self, x, k):
        h = x.repeat_interleave(k, 0)
        zs, lw = [], 0
        for q in self.q:
            mu, lv = q(h)
            z = mu + (0.5 * lv).exp() * torch.randn_like(mu)
            lw = lw - log_normal(z, mu, lv)
            zs.append(z)
            h = z
        lw = lw + log_normal(zs[-1], torch.zeros_like(zs[-1]), torch.zeros_like(zs[-1]))
        if layers == 2:
            mu, lv = self.p[0](zs[1])
            lw = lw + log_normal(zs[0], mu, lv)
        logits = self.dec(zs[0])
        xr = x.repeat_interleave(k, 0)
        lw = lw - nn.functional.binary_cross_entropy_with_logits(logits, xr, reduction='none').sum(-1)
        return lw.view(-1, k)


class PaperAdam:
    """The Adam of the IWAE paper's code (yburda/iwae optimizers.py), as described in the usage line."""

    def __init__(self, params, lr, beta1=0.99, beta2=0.999, eps=1e-4):
        self.params = list(params)
        self.param_groups = [{'lr': lr}]
        self.beta1, self.beta2, self.eps, self.t = beta1, beta2, eps, 1
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.ones_like(p) for p in self.params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        lr = self.param_groups[0]['lr']
        alpha = lr * math.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
        for p, m, v in zip(self.params, self.m, self.v):
            p.sub_(alpha * m / (v.sqrt() + self.eps))  # the moments before this step's gradient
            m.mul_(self.beta1).add_(p.grad, alpha=1 - self.beta1)
            v.mul_(self.beta2).addcmul_(p.grad, p.grad, value=1 - self.beta2)
        self.t += 1


m = Model()
if init == 'glorot':
    for lin in m.modules():
        if isinstance(lin, nn.Linear):
            limit = math.sqrt(6 / (lin.in_features + lin.out_features))
            nn.init.uniform_(lin.weight, -limit, limit)
            nn.init.zeros_(lin.bias)
if opt_name == 'paper':
    opt = PaperAdam(m.parameters(), lr=1e-3)
else:
    betas = tuple(float(b) for b in os.environ.get('BETAS', '0.9,0.999').split(','))
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, betas=betas, eps=1e-4)
epoch = 0
for i in range(8):
    for g in opt.param_groups:
        g['lr'] = 1e-3 * 10 ** (-i / 7)
    for _ in range(3 ** i):
        if epoch == epochs:
            break
        epoch += 1
        start, total = time.time(), 0.0
        for idx in torch.randperm(60000).split(20):
            x = torch.bernoulli(train[idx])
            lw = m.log_weights(x, k)
            bound = lw.mean(1) if model_type == 'vae' else torch.logsumexp(lw, 1) - math.log(k)
            loss = -bound.sum() if opt_name == 'paper' else -bound.mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += -bound.sum().item()
        with torch.no_grad():
            t = -torch.cat([m.log_weights(b, 1)[:, 0] for b in test_bin.split(1000)]).mean().item()
        print(f'epoch {epoch} train {total / 60000:.2f} test {t:.2f} {time.time() - start:.1f} s', flush=True)
