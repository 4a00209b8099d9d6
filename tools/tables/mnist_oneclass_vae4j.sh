#!/usr/bin/env bash
# MNIST one-class with vae4j (the protocol of baselines.py): for each digit d, train on the training
# images of d alone, score all 10,000 test images, positive = not d; prints digit and the AUROC of
# neg_log_px, recon_at_mean and squared_error. Usage: mnist_oneclass_vae4j.sh [EPOCHS] [DIGITS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
vae="${VAE:-$root/vae}"
epochs="${1:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for d in ${2:-0 1 2 3 4 5 6 7 8 9}; do
  "$vae" train --only-label "$d" --epochs "$epochs" --seed 1 --out "$work/$d" > "$work/$d.log" 2>&1
  json="$("$vae" score "$work/$d/model.safetensors" --normal-label "$d" -k 100 --json -o "$work/$d.csv" 2>/dev/null)"
  /usr/bin/python3 -c '
import json, sys
j = json.loads(sys.argv[1])
print("\t".join([sys.argv[2]] + ["%.4f" % j[k]["auroc"] for k in ("neg_log_px", "recon_at_mean", "squared_error")]))
' "$json" "$d"
done
