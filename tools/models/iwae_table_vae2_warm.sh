#!/bin/bash
# One piece of the IWAE paper's two-stochastic-layer VAE (Burda et al. 2016, Table 1) with the paper code's Adam
# started more slowly than the paper's: first-moment decay 0.99 and second moments starting at 1 on vae4j's batch
# mean (the code starts them at 1 on the batch's sum, 400 times larger squared gradients: iwae_table_vae2_code.sh),
# so its first epochs take small steps for longer; log σ heads as in the code. It lost fewer units in its first
# epochs than the faithful setting did with seed 1 (docs/results.md). Same networks, batch, schedule and data as
# iwae_table_vae2.sh. Resumes when runs/iwae-table/vae2-v1 holds a checkpoint. THREADS=N sets the kernel threads.
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
frozen_build runs/iwae-table build3
kept_piece vae2-v1
picture_flags 100
if [ -f vae2-v1/model.safetensors ]; then
  exec nice -n 19 $V train --resume vae2-v1/model.safetensors --epochs 3280 "${PICTURES[@]}" ${THREADS:+--threads $THREADS}
else
  exec nice -n 19 $V train --variant vae -P depth=2 -P hidden=200 -P latent=100 -P activation=tanh -P variance=log-std \
    --prior hierarchical -P latent2=50 -P prior_hidden=100 -P prior_depth=2 -P prior_activation=tanh \
    -P prior_variance=log-std --adam-betas 0.99,0.999 --adam-initial-v 1 \
    --batch-size 20 --adam-eps 1e-4 --lr-schedule iwae --binarize dynamic --epochs 3280 --seed 1 --out vae2-v1 \
    "${PICTURES[@]}" ${THREADS:+--threads $THREADS}
fi
