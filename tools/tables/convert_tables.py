"""Convert the raw tables unpacked by fetch.sh into plain CSV files.

Usage: convert_tables.py RAW_DIR DEST

RAW_DIR holds what fetch.sh unpacked (the Debian packages under deb/, the
rapaio-datasets jar under jar/).  Every output is an RFC 4180 CSV with one
header row of column names; a missing value is an empty field.  Field texts
are copied unchanged (numbers are not re-formatted), except that spaces
around fields are stripped.  Standard library only, so no randomness and
no version drift: the output is byte-for-byte determined by the inputs.
"""
import csv
import gzip
import os
import shutil
import sys

SK = "deb/usr/lib/python3/dist-packages/sklearn/datasets/data"
PENGUINS = "deb/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv"
RAPAIO = "jar/rapaio/provider/datasets"

# sklearn's load_breast_cancer feature_names ("mean radius", "radius error",
# "worst radius", ...) with spaces turned into underscores.
_BC = ["radius", "texture", "perimeter", "area", "smoothness", "compactness",
       "concavity", "concave_points", "symmetry", "fractal_dimension"]
BREAST_CANCER = (["mean_" + f for f in _BC] + [f + "_error" for f in _BC]
                 + ["worst_" + f for f in _BC])
# sklearn's load_wine feature_names; "od280/od315_of_diluted_wines" without "/".
WINE = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
        "total_phenols", "flavanoids", "nonflavanoid_phenols",
        "proanthocyanins", "color_intensity", "hue",
        "od280_od315_of_diluted_wines", "proline"]


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        return [[c.strip() for c in row] for row in csv.reader(f) if row]


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"  {os.path.basename(path)}: {len(rows)} rows x {len(header)} columns")


def sklearn_table(raw, names, class_names=None):
    """sklearn's format: first line 'n_samples,n_features,class names...',
    then rows of n_features values and the integer target."""
    rows = read(raw)
    n, d = int(rows[0][0]), int(rows[0][1])
    body = rows[1:]
    assert len(body) == n and all(len(r) == d + 1 for r in body), raw
    assert len(names) == d, raw
    if class_names is None:
        class_names = rows[0][2:]
    out = [r[:d] + [class_names[int(r[d])]] for r in body]
    return names + ["label"], out


def main(raw_dir, dest):
    os.makedirs(dest, exist_ok=True)
    j = lambda *p: os.path.join(raw_dir, *p)
    o = lambda name: os.path.join(dest, name)

    write(o("breast_cancer.csv"), *sklearn_table(j(SK, "breast_cancer.csv"), BREAST_CANCER))
    write(o("wine.csv"), *sklearn_table(j(SK, "wine_data.csv"), WINE))
    # digits.csv.gz has no header line at all: 64 pixels (0..16) and the digit.
    rows = read(j(SK, "digits.csv.gz"))
    assert len(rows) == 1797 and all(len(r) == 65 for r in rows)
    write(o("digits.csv"), [f"p{i}" for i in range(64)] + ["label"], rows)

    # SAheart: drop R's row.names index column; famhist is Present/Absent.
    rows = read(j(RAPAIO, "SAheart.csv"))
    assert rows[0][0] == "row.names"
    write(o("saheart.csv"), rows[0][1:], [r[1:] for r in rows[1:]])
    rows = read(j(RAPAIO, "spam-base.csv"))
    write(o("spambase.csv"), rows[0], rows[1:])
    # mushrooms: '?' (only in stalk-root) is UCI's missing-value mark.
    rows = read(j(RAPAIO, "mushrooms.csv"))
    write(o("mushrooms.csv"), rows[0], [["" if c == "?" else c for c in r] for r in rows[1:]])
    # penguins: R's NA becomes an empty field.
    rows = read(j(PENGUINS))
    write(o("penguins.csv"), rows[0], [["" if c == "NA" else c for c in r] for r in rows[1:]])

    # MNIST IDX files, copied unchanged for the one-class baseline.
    os.makedirs(o("mnist"), exist_ok=True)
    for f in sorted(os.listdir(j(RAPAIO, "mnist"))):
        shutil.copyfile(j(RAPAIO, "mnist", f), os.path.join(dest, "mnist", f))
        print(f"  mnist/{f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
