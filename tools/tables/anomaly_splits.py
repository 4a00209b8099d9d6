"""Write the anomaly-detection train/test splits (PyOD-style 60 % / 40 %).

Usage: anomaly_splits.py [DEST] [--seeds N]   (DEST default data/tables, N 10)

For each table in common.ANOMALY_TABLES and each split seed s = 0..N-1:

    rng = numpy.random.default_rng(s)
    for each label value v in sorted order of the label TEXT (as in the CSV):
        idx = the 0-based data-row numbers (file order) whose label is v
        p   = rng.permutation(idx)
        k   = (6 * len(idx) + 5) // 10          # round(0.6 * n_v), half up
        train += p[:k];  test += p[k:]
    train and test rows are then written in file order.

Outputs DEST/splits/<table>/<s>/train.csv and test.csv: the source rows
verbatim (same header, same field texts, missing = empty field), plus
train_rows.txt / test_rows.txt with the 0-based source row numbers.  The
split is stratified by the label (PyOD's own benchmark uses an unstratified
train_test_split(test_size=0.4); stratifying keeps the anomaly rate equal
in train and test).  No scaling happens here: every tool fits its own
preprocessing on train.csv only.
"""
import argparse
import csv
import os

import numpy as np

from common import ANOMALY_TABLES, DEFAULT_DEST


def split(labels, seed):
    rng = np.random.default_rng(seed)
    labels = np.asarray(labels)
    train, test = [], []
    for v in sorted(set(labels)):
        idx = np.flatnonzero(labels == v)
        p = rng.permutation(idx)
        k = (6 * len(idx) + 5) // 10
        train.extend(p[:k])
        test.extend(p[k:])
    return np.sort(train), np.sort(test)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", nargs="?", default=DEFAULT_DEST)
    ap.add_argument("--seeds", type=int, default=10)
    a = ap.parse_args()
    for name, (label, positive) in ANOMALY_TABLES.items():
        with open(os.path.join(a.dest, name + ".csv"), newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        labels = [r[header.index(label)] for r in body]
        for s in range(a.seeds):
            tr, te = split(labels, s)
            out = os.path.join(a.dest, "splits", name, str(s))
            os.makedirs(out, exist_ok=True)
            for part, idx in (("train", tr), ("test", te)):
                with open(os.path.join(out, part + ".csv"), "w", newline="") as f:
                    w = csv.writer(f, lineterminator="\n")
                    w.writerow(header)
                    w.writerows(body[i] for i in idx)
                with open(os.path.join(out, part + "_rows.txt"), "w") as f:
                    f.writelines(f"{i}\n" for i in idx)
        npos = labels.count(positive)
        print(f"{name}: {len(body)} rows, {npos} positive ({label}={positive}), "
              f"train {len(tr)} / test {len(te)} per seed, seeds 0..{a.seeds - 1}")


if __name__ == "__main__":
    main()
