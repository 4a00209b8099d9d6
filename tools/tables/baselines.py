"""Unsupervised anomaly baselines on the split files: IsolationForest and PCA.

Usage: baselines.py [DEST] [--seeds N] [--train-on all|inliers|both] [--no-mnist]

Tables: for each table in common.ANOMALY_TABLES and split seed s = 0..N-1,
read DEST/splits/<table>/<s>/{train,test}.csv, drop the label column, and
build features with common.design (fitted on train only: numeric columns
standardised with the training mean/std, missing numeric -> training mean;
categorical columns one-hot over training categories, 0/1).  Then
  - IsolationForest(n_estimators=100, random_state=s), score = -score_samples;
  - PCA (svd_solver='full') with the smallest number of components whose
    cumulative explained variance ratio on train is >= 0.90, score = squared
    reconstruction error sum_j (x - x_hat)_j^2.
Both are fitted on the training part without labels: 'all' = every training
row (PyOD's benchmark protocol, anomalies included); 'inliers' = only the
training rows whose label is not the positive class (the one-class /
semi-supervised protocol common in deep anomaly-detection papers).  Metrics
on the test part, positive = the anomalous class: AUROC
(roc_auc_score) and average precision (average_precision_score).

MNIST one-class (DEST/mnist/*.gz, the IDX files): for each digit d, fit on
the training images of d only (pixels / 255, 784 raw features, no further
scaling), score all 10 000 test images, positive = "not d"; IsolationForest
with random_state = 0..4 and the same PCA rule (deterministic, one run).

Writes DEST/baselines/anomaly.json (per-seed numbers) and anomaly.md
(mean +- std over seeds, std with ddof=0).  Single-threaded.
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402
from sklearn.ensemble import IsolationForest  # noqa: E402
from sklearn.metrics import average_precision_score, roc_auc_score  # noqa: E402

from common import ANOMALY_TABLES, DEFAULT_DEST, design, read_table  # noqa: E402


def pca_scores(xtr, xte, var=0.90):
    full = PCA(svd_solver="full").fit(xtr)
    k = int(np.searchsorted(np.cumsum(full.explained_variance_ratio_), var - 1e-12) + 1)
    v = full.components_[:k]
    c = xte - full.mean_
    return ((c - c @ v.T @ v) ** 2).sum(axis=1), k


def iforest_scores(xtr, xte, seed):
    return -IsolationForest(n_estimators=100, random_state=seed).fit(xtr).score_samples(xte)


def metrics(y, s):
    return {"auroc": float(roc_auc_score(y, s)), "ap": float(average_precision_score(y, s))}


def run_tables(dest, seeds, modes):
    out = {}
    for name, (label, positive) in ANOMALY_TABLES.items():
        for mode in modes:
            rows = []
            for s in range(seeds):
                d = os.path.join(dest, "splits", name, str(s))
                tr, te = read_table(os.path.join(d, "train.csv")), read_table(os.path.join(d, "test.csv"))
                if mode == "inliers":
                    tr = tr[tr[label] != positive]
                feats = [c for c in tr.columns if c != label]
                xtr, xte = design(tr, te, feats)
                y = (te[label] == positive).to_numpy().astype(int)
                ps, k = pca_scores(xtr, xte)
                rows.append({"seed": s, "n_features": xtr.shape[1], "pca_components": k,
                             "iforest": metrics(y, iforest_scores(xtr, xte, s)), "pca": metrics(y, ps)})
            out[f"{name}/{mode}"] = rows
            print(name, mode, "done", flush=True)
    return out


def read_idx(path):
    with gzip.open(path, "rb") as f:
        buf = f.read()
    magic, n = int.from_bytes(buf[0:4], "big"), int.from_bytes(buf[4:8], "big")
    if magic == 2049:
        return np.frombuffer(buf, np.uint8, n, 8)
    assert magic == 2051, path
    r, c = int.from_bytes(buf[8:12], "big"), int.from_bytes(buf[12:16], "big")
    return np.frombuffer(buf, np.uint8, n * r * c, 16).reshape(n, r * c)


def run_mnist(dest, if_seeds=5):
    m = os.path.join(dest, "mnist")
    xtr = read_idx(os.path.join(m, "train-images-idx3-ubyte.gz")) / 255.0
    ytr = read_idx(os.path.join(m, "train-labels-idx1-ubyte.gz"))
    xte = read_idx(os.path.join(m, "t10k-images-idx3-ubyte.gz")) / 255.0
    yte = read_idx(os.path.join(m, "t10k-labels-idx1-ubyte.gz"))
    out = {}
    for d in range(10):
        x = xtr[ytr == d]
        y = (yte != d).astype(int)
        ps, k = pca_scores(x, xte)
        out[str(d)] = {"n_train": int(len(x)), "pca_components": k, "pca_auroc": float(roc_auc_score(y, ps)),
                       "iforest_auroc": [float(roc_auc_score(y, iforest_scores(x, xte, s))) for s in range(if_seeds)]}
        print("mnist digit", d, "done", flush=True)
    return out


def ms(v):
    return f"{np.mean(v):.3f} ± {np.std(v):.3f}"


def markdown(res, mnist):
    lines = ["| table | trained on | features | PCA k | IForest AUROC | IForest AP | PCA AUROC | PCA AP |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key, rows in res.items():
        name, mode = key.split("/")
        g = lambda m, k: [r[m][k] for r in rows]  # noqa: E731
        ks = sorted({r["pca_components"] for r in rows})
        lines.append(f"| {name} | {mode} | {rows[0]['n_features']} | {ks[0]}–{ks[-1]} | "
                     f"{ms(g('iforest', 'auroc'))} | {ms(g('iforest', 'ap'))} | "
                     f"{ms(g('pca', 'auroc'))} | {ms(g('pca', 'ap'))} |")
    if mnist:
        lines += ["", "| MNIST digit (normal) | train images | PCA k | IForest AUROC (5 seeds) | PCA AUROC |",
                  "| ---: | ---: | ---: | ---: | ---: |"]
        for d, r in mnist.items():
            lines.append(f"| {d} | {r['n_train']} | {r['pca_components']} | {ms(r['iforest_auroc'])} | {r['pca_auroc']:.3f} |")
        lines.append(f"| mean | | | {np.mean([np.mean(r['iforest_auroc']) for r in mnist.values()]):.3f} | "
                     f"{np.mean([r['pca_auroc'] for r in mnist.values()]):.3f} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", nargs="?", default=DEFAULT_DEST)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--train-on", choices=["all", "inliers", "both"], default="both")
    ap.add_argument("--no-mnist", action="store_true")
    a = ap.parse_args()
    modes = ["all", "inliers"] if a.train_on == "both" else [a.train_on]
    res = run_tables(a.dest, a.seeds, modes)
    mnist = None if a.no_mnist else run_mnist(a.dest)
    o = os.path.join(a.dest, "baselines")
    os.makedirs(o, exist_ok=True)
    with open(os.path.join(o, "anomaly.json"), "w") as f:
        json.dump({"tables": res, "mnist_one_class": mnist}, f, indent=1)
    md = markdown(res, mnist)
    with open(os.path.join(o, "anomaly.md"), "w") as f:
        f.write(md)
    print(md)


if __name__ == "__main__":
    main()
