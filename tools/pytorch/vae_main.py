# pytorch/examples vae/main.py, with MNIST read from the IDX files (no torchvision download).
# apt-get install -y python3-torch; MNIST_DIR=<dir with the four .gz files> python3 vae_main.py SEED EPOCHS
# (the files are in the rapaio-datasets jar under rapaio/provider/datasets/mnist/)
import gzip, os, sys, numpy as np, torch
from torch import nn, optim
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
torch.manual_seed(seed)
D = os.environ.get('MNIST_DIR', '/tmp/mnist') + '/'  # the four MNIST .gz IDX files
def images(f):
    with gzip.open(D + f) as h:
        return torch.from_numpy(np.frombuffer(h.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).astype(np.float32) / 255.0)
train = DataLoader(TensorDataset(images('train-images-idx3-ubyte.gz')), batch_size=128, shuffle=True)
test = DataLoader(TensorDataset(images('t10k-images-idx3-ubyte.gz')), batch_size=128, shuffle=False)

class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400); self.fc21 = nn.Linear(400, 20); self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400); self.fc4 = nn.Linear(400, 784)
    def encode(self, x):
        h1 = F.relu(self.fc1(x)); return self.fc21(h1), self.fc22(h1)
    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar); eps = torch.randn_like(std); return mu + eps * std
    def decode(self, z):
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z))))
    def forward(self, x):
        mu, logvar = self.encode(x.view(-1, 784)); z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar

model = VAE(); opt = optim.Adam(model.parameters(), lr=1e-3)
def loss_function(recon_x, x, mu, logvar):
    BCE = F.binary_cross_entropy(recon_x, x.view(-1, 784), reduction='sum')
    KLD = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return BCE + KLD
out = []
for epoch in range(1, epochs + 1):
    model.train()
    for (data,) in train:
        opt.zero_grad(); r, mu, lv = model(data); loss = loss_function(r, data, mu, lv); loss.backward(); opt.step()
    model.eval(); tl = 0
    with torch.no_grad():
        for (data,) in test:
            r, mu, lv = model(data); tl += loss_function(r, data, mu, lv).item()
    out.append(tl / len(test.dataset))
    print(f"seed {seed} epoch {epoch} test {out[-1]:.2f}", flush=True)
print("seed", seed, " ".join(f"{v:.2f}" for v in out))
