"""Write the MIWAE imputation task on breast_cancer and score simple imputers.

Usage: impute_masks.py [DEST] [--seeds N] [--rate R] [--no-baselines]
       (DEST default data/tables, N 5, R 0.5)

Protocol (Mattei & Frellsen's MIWAE notebook, with numpy's new Generator):
  X     = the 569 x 30 features of DEST/breast_cancer.csv (label dropped)
  X     = (X - X.mean(axis=0)) / X.std(axis=0)       # full table, ddof=0
  for s in 0..N-1:
    rng  = numpy.random.default_rng(s)
    gone = rng.choice(569 * 30, size=floor(569 * 30 * R), replace=False)
           # indices into X flattened row-major (i * 30 + j); 8535 for R=0.5
    masked = X with those entries removed
Every row keeps its place; a row may lose all 30 entries.  The extra
directory legacy1234/ uses the notebook's own legacy RNG instead
(numpy.random.seed(1234); numpy.random.choice(569 * 30, 8535, replace=False)),
the mask behind the notebook's published numbers.  Files in
DEST/impute/breast_cancer/<s>/: masked.csv (removed = empty field), truth.csv
(the full standardised X); numbers are written as Python repr (shortest text
that reads back as the same double).

Baselines, each written as baseline_<name>.csv beside them and scored with
impute_score.py: mean (column means of the observed entries),
IterativeImputer(random_state=s; 0 for legacy1234) with its defaults (BayesianRidge,
max_iter=10), KNNImputer(n_neighbors=5).
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

from common import DEFAULT_DEST, read_table  # noqa: E402
from impute_score import score  # noqa: E402


def write(path, header, m):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows([("" if np.isnan(v) else repr(float(v))) for v in r] for r in m)


def imputers(seed):
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    from sklearn.impute import IterativeImputer, KNNImputer, SimpleImputer
    return {"mean": SimpleImputer(strategy="mean"),
            "iterative": IterativeImputer(random_state=0 if seed == "legacy1234" else seed),
            "knn5": KNNImputer(n_neighbors=5)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", nargs="?", default=DEFAULT_DEST)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--rate", type=float, default=0.5)
    ap.add_argument("--no-baselines", action="store_true")
    a = ap.parse_args()
    df = read_table(os.path.join(a.dest, "breast_cancer.csv")).drop(columns=["label"])
    header = list(df.columns)
    x = df.to_numpy(np.float64)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    n, p = x.shape
    results = {}
    for s in list(range(a.seeds)) + ["legacy1234"]:
        if s == "legacy1234":
            np.random.seed(1234)
            gone = np.random.choice(n * p, int(np.floor(n * p * a.rate)), replace=False)
        else:
            gone = np.random.default_rng(s).choice(n * p, size=int(np.floor(n * p * a.rate)), replace=False)
        masked = x.copy().ravel()
        masked[gone] = np.nan
        masked = masked.reshape(n, p)
        d = os.path.join(a.dest, "impute", "breast_cancer", str(s))
        os.makedirs(d, exist_ok=True)
        write(os.path.join(d, "masked.csv"), header, masked)
        write(os.path.join(d, "truth.csv"), header, x)
        if a.no_baselines:
            continue
        # Read masked.csv back so the baselines see exactly what other tools see.
        m = read_table(os.path.join(d, "masked.csv")).to_numpy(np.float64)
        for name, imp in imputers(s).items():
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                filled = imp.fit_transform(m)
            write(os.path.join(d, f"baseline_{name}.csv"), header, filled)
            mse, k = score(os.path.join(d, f"baseline_{name}.csv"), d)
            results.setdefault(name, []).append(mse)
            note = f" ({w[0].category.__name__})" if w else ""
            print(f"seed {s}: {k} removed, {name}: MSE {mse:.4f}{note}", flush=True)
    if results:
        lines = ["| imputer | " + " | ".join(f"seed {s}" for s in range(a.seeds))
                 + " | mean ± std (seeds) | legacy1234 |", "| --- |" + " ---: |" * (a.seeds + 2)]
        for name, v in results.items():
            lines.append(f"| {name} | " + " | ".join(f"{e:.4f}" for e in v[:-1])
                         + f" | {np.mean(v[:-1]):.4f} ± {np.std(v[:-1]):.4f} | {v[-1]:.4f} |")
        md = "\n".join(lines) + "\n"
        with open(os.path.join(a.dest, "impute", "breast_cancer", "baselines.md"), "w") as f:
            f.write(md)
        with open(os.path.join(a.dest, "impute", "breast_cancer", "baselines.json"), "w") as f:
            json.dump(results, f, indent=1)
        print(md)


if __name__ == "__main__":
    main()
