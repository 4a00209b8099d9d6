#!/usr/bin/env bash
# MIWAE imputation with vae4j on the masks impute_masks.py wrote: train on each masked table (its
# rows are also the test rows), impute it, score the removed entries. Usage: impute_vae4j.sh [DEST] [EPOCHS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="${1:-$root/data/tables}"
epochs="${2:-500}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for dir in "$dest"/impute/breast_cancer/*/; do
  name="$(basename "$dir")"
  "${VAE:-$root/vae}" train --variant iwae -P k=20 -P hidden=128 -P latent=10 --dataset "$dir/masked.csv" \
      --test "$dir/masked.csv" --epochs "$epochs" --batch-size 64 --seed 1 --out "$work/$name" > "$work/$name.log" 2>&1
  "${VAE:-$root/vae}" impute "$work/$name/model.safetensors" -i "$dir/masked.csv" -o "$work/$name.csv" -k 1000 > /dev/null 2>&1
  printf '%s\t' "$name"
  /usr/bin/python3 "$root/tools/tables/impute_score.py" "$work/$name.csv" "$dir" 2>/dev/null | head -1
done
