"""Print the markdown summary of the fetched tables (the table in TABLES.md).

Usage: describe.py [DEST]   (DEST default data/tables)

Feature columns exclude the label.  'binary' = exactly two distinct
non-missing values (numeric 0/1 or two categories); 'numeric' = other
columns whose fields all parse as numbers; 'categorical' = the rest;
'constant' = one distinct value (still in the file).
"""
import os
import sys

from common import ANOMALY_TABLES, DEFAULT_DEST, OTHER_TABLES, is_numeric, read_table

SOURCE = {"breast_cancer": "python3-sklearn", "wine": "python3-sklearn", "digits": "python3-sklearn",
          "saheart": "rapaio-datasets", "spambase": "rapaio-datasets", "mushrooms": "rapaio-datasets",
          "penguins": "r-cran-palmerpenguins"}


def main(dest):
    print("| file | rows × columns | label column | positive label (share) | features: numeric / categorical / binary / constant | missing cells | source |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, (label, pos) in {**ANOMALY_TABLES, **OTHER_TABLES}.items():
        df = read_table(os.path.join(dest, name + ".csv"))
        feats = [c for c in df.columns if c != label]
        nk = [c for c in feats if df[c].nunique() <= 1]
        nb = [c for c in feats if df[c].nunique() == 2]
        nn = [c for c in feats if c not in nb + nk and is_numeric(df[c])]
        nc = [c for c in feats if c not in nb + nk + nn]
        miss = df.isna().sum()
        miss = ", ".join(f"{c}: {v}" for c, v in miss.items() if v) or "none"
        share = f"{pos} ({(df[label] == pos).mean():.1%})" if pos else "–"
        print(f"| {name}.csv | {len(df)} × {df.shape[1]} | {label} ({df[label].nunique()} values) | {share} | "
              f"{len(nn)} / {len(nc)} / {len(nb)} / {len(nk)} | {miss} | {SOURCE[name]} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DEST)
