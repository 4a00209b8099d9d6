"""Score an imputation: MSE on the removed entries, in standardised units.

Usage: impute_score.py IMPUTED.csv [MASK_DIR]
       (MASK_DIR default data/tables/impute/breast_cancer/0)

MASK_DIR holds masked.csv (the standardised table with the removed entries
as empty fields) and truth.csv (the full standardised table), both written
by impute_masks.py.  IMPUTED.csv must have the same header and shape and no
empty field.  Prints the mean of (imputed - truth)^2 over the removed
entries, and warns if the imputed table changed an observed entry.
"""
import csv
import sys

import numpy as np


def read_matrix(path):
    """(header, float matrix) with empty fields as NaN."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    m = np.array([[float(c) if c.strip() else np.nan for c in r] for r in rows[1:]], dtype=np.float64)
    return rows[0], m


def score(imputed_path, mask_dir):
    h0, masked = read_matrix(f"{mask_dir}/masked.csv")
    h1, truth = read_matrix(f"{mask_dir}/truth.csv")
    h2, imp = read_matrix(imputed_path)
    if h2 != h0 or imp.shape != masked.shape:
        raise SystemExit(f"{imputed_path}: header/shape {imp.shape} differs from masked.csv {masked.shape}")
    if np.isnan(imp).any():
        raise SystemExit(f"{imputed_path}: {int(np.isnan(imp).sum())} entries still missing")
    miss = np.isnan(masked)
    changed = np.abs(imp[~miss] - masked[~miss]).max(initial=0.0)
    if changed > 1e-9:
        print(f"warning: observed entries changed by up to {changed:.3g}", file=sys.stderr)
    return float(np.mean((imp[miss] - truth[miss]) ** 2)), int(miss.sum())


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    mse, n = score(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "data/tables/impute/breast_cancer/0")
    print(f"MSE on {n} removed entries: {mse:.6f}")
