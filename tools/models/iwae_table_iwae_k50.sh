#!/bin/bash
# One piece of the IWAE paper's one-stochastic-layer IWAE with k = 50 (Burda et al. 2016, Table 1): 784-200-200-50 tanh,
# batch 20, Adam eps 1e-4, 3^i epochs at 1e-3·10^(-i/7), dynamically binarised MNIST. Resumes when
# runs/iwae-table/iwae-k50 holds a checkpoint. It runs from a frozen copy of the build (runs/iwae-table/build),
# so rebuilding the project while it trains cannot swap jars under it (see frozen_build.sh).
# THREADS=N sets the kernel threads (the bits do not depend on them), e.g. THREADS=1 beside other runs.
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
frozen_build runs/iwae-table build
kept_piece iwae-k50
picture_flags 100
if [ -f iwae-k50/model.safetensors ]; then
  exec nice -n 19 $V train --resume iwae-k50/model.safetensors --epochs 3280 "${PICTURES[@]}" ${THREADS:+--threads $THREADS}
else
  exec nice -n 19 $V train --variant iwae -P k=50 -P depth=2 -P hidden=200 -P latent=50 -P activation=tanh \
    --batch-size 20 --adam-eps 1e-4 --lr-schedule iwae --binarize dynamic --epochs 3280 --seed 1 --out iwae-k50 "${PICTURES[@]}" \
    ${THREADS:+--threads $THREADS}
fi
