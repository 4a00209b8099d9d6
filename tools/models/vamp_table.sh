#!/bin/bash
# The VampPrior row of the models issue (Tomczak & Welling 2018, one stochastic layer): MLP 784-300-300-40
# (ReLU), dynamically binarised MNIST, Adam 5e-4, batch 100, KL warm-up over 100 epochs, validation split of
# 10,000 with early stopping (patience 50), up to 2,000 epochs; the standard prior and the VampPrior (K = 500)
# trained alike, then `evaluate -k 5000` of the best
# validation epoch on the whole test set. Each run resumes its checkpoint, so it goes in
# pieces across sessions; a frozen copy of the build (runs/vamp/build) keeps every piece on the same code.
# usage: tools/models/vamp_table.sh standard|vamp
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
frozen_build runs/vamp build
V="nice -n 15 $V"
name=${1:-}
case $name in
  standard) prior=() ;;
  vamp) prior=(--prior vamp -P pseudo_inputs=500) ;;
  *) echo "usage: $0 standard|vamp" >&2; exit 2 ;;
esac
kept_piece "$name"
picture_flags 50
if [ -f "$name/model.safetensors" ]; then
  $V train --resume "$name/model.safetensors" --epochs 2000 --threads 1 --keep-best --patience 50 "${PICTURES[@]}"
else
  $V train --variant vae "${prior[@]}" -P depth=2 -P hidden=300 -P latent=40 --binarize dynamic --lr 5e-4 \
    --batch-size 100 --warmup 100 --validation 10000 --patience 50 --keep-best --epochs 2000 --seed 1 --threads 1 --out "$name" "${PICTURES[@]}"
fi
best="$name/model.best.safetensors"; [ -f "$best" ] || best="$name/model.safetensors"
[ -f "$name.eval.json" ] || $V evaluate "$best" -k 5000 --json > "$name.eval.json"
