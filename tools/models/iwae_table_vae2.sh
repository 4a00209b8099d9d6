#!/bin/bash
# One piece of the IWAE paper's two-stochastic-layer VAE (Burda et al. 2016, Table 1): 784-200-200-100 (z1)
# -100-100-50 (z2), tanh, batch 20, Adam eps 1e-4, 3^i epochs at 1e-3·10^(-i/7), dynamically binarised
# MNIST. Resumes when runs/iwae-table/vae2-k1 holds a checkpoint; runs from a frozen build copy of its
# own, runs/iwae-table/build2 (the one-layer run's copy predates the hierarchical prior).
# THREADS=N sets the kernel threads (the bits do not depend on them), e.g. THREADS=1 beside another run.
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
frozen_build runs/iwae-table build2
kept_piece vae2-k1
picture_flags 100
if [ -f vae2-k1/model.safetensors ]; then
  exec nice -n 19 $V train --resume vae2-k1/model.safetensors --epochs 3280 "${PICTURES[@]}" ${THREADS:+--threads $THREADS}
else
  exec nice -n 19 $V train --variant vae -P depth=2 -P hidden=200 -P latent=100 -P activation=tanh \
    --prior hierarchical -P latent2=50 -P prior_hidden=100 -P prior_depth=2 -P prior_activation=tanh \
    --batch-size 20 --adam-eps 1e-4 --lr-schedule iwae --binarize dynamic --epochs 3280 --seed 1 --out vae2-k1 "${PICTURES[@]}" \
    ${THREADS:+--threads $THREADS}
fi
