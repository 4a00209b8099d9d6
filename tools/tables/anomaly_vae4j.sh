#!/usr/bin/env bash
# vae4j on the anomaly splits anomaly_splits.py wrote (PyOD's protocol: 60/40, columns standardised on
# the training part, AUROC on the test part): per table and seed, train unsupervised on the training
# file (all its rows, or with MODE=inliers only the rows not of the positive label; its rows are also
# the run's test rows, so the test file is seen only when scoring), score the test
# file, print one TSV line: table, seed, mode, then AUROC and average precision of neg_log_px,
# recon_at_mean and squared_error. Usage: anomaly_vae4j.sh [DEST] [SEEDS] [EPOCHS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="${1:-$root/data/tables}"
seeds="${2:-0 1 2 3 4 5 6 7 8 9}"
epochs="${3:-100}"
mode="${MODE:-all}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
declare -A label=([breast_cancer]=label [wine]=label [saheart]=chd [spambase]=spam [mushrooms]=classes [digits]=label)
declare -A positive=([breast_cancer]=malignant [wine]=class_2 [saheart]=1 [spambase]=1 [mushrooms]=p [digits]=0)
for table in ${TABLES:-breast_cancer wine saheart spambase mushrooms digits}; do
  for s in $seeds; do
    dir="$dest/splits/$table/$s"
    train="$dir/train.csv"
    if [ "$mode" = inliers ]; then
      train="$work/$table-$s-inliers.csv"
      /usr/bin/python3 - "$dir/train.csv" "$train" "${label[$table]}" "${positive[$table]}" <<'PY'
import csv, sys
src, dst, column, positive = sys.argv[1:]
with open(src, newline="") as f, open(dst, "w", newline="") as g:
    r = csv.reader(f); w = csv.writer(g, lineterminator="\n")
    header = next(r); w.writerow(header); i = header.index(column)
    for row in r:
        if row[i] != positive:
            w.writerow(row)
PY
    fi
    out="$work/$table-$s"
    "${VAE:-$root/vae}" train --dataset "$train" --test "$train" --label-column "${label[$table]}" \
        -P hidden=64 -P latent=4 --epochs "$epochs" --batch-size 32 --seed 1 --on-bad-row "${ON_BAD_ROW:-fail}" \
        --out "$out" > "$out.log" 2>&1 || { echo -e "$table\t$s\t$mode\tFAILED: $(tail -1 "$out.log")"; continue; }
    json="$("${VAE:-$root/vae}" score "$out/model.safetensors" --dataset "$dir/test.csv" --positive-label "${positive[$table]}" \
        -k 100 --json --unseen missing -o "$out/scores.csv" 2>"$out.err")" || { echo -e "$table\t$s\t$mode\tFAILED: $(tail -1 "$out.err")"; continue; }
    /usr/bin/python3 -c '
import json, sys
j = json.loads(sys.argv[1])
print("\t".join(sys.argv[2:5] + ["%.4f\t%.4f" % (j[k]["auroc"], j[k]["average_precision"]) for k in ("neg_log_px", "recon_at_mean", "squared_error")]))
' "$json" "$table" "$s" "$mode"
  done
done
