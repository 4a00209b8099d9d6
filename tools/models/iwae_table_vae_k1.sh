#!/bin/bash
# One piece of the IWAE paper's one-stochastic-layer VAE (Burda et al. 2016, Table 1): 784-200-200-50 tanh,
# batch 20, Adam eps 1e-4, 3^i epochs at 1e-3·10^(-i/7), dynamically binarised MNIST. Resumes when
# runs/iwae-table/vae-k1 holds a checkpoint. It runs from a frozen copy of the build (runs/iwae-table/build),
# so rebuilding the project while it trains cannot swap jars under it (see frozen_build.sh).
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
frozen_build runs/iwae-table build
kept_piece vae-k1
picture_flags 100
if [ -f vae-k1/model.safetensors ]; then
  exec nice -n 19 $V train --resume vae-k1/model.safetensors --epochs 3280 "${PICTURES[@]}"
else
  exec nice -n 19 $V train --variant vae -P depth=2 -P hidden=200 -P latent=50 -P activation=tanh \
    --batch-size 20 --adam-eps 1e-4 --lr-schedule iwae --binarize dynamic --epochs 3280 --seed 1 --out vae-k1 "${PICTURES[@]}"
fi
