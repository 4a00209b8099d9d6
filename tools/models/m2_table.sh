#!/bin/bash
# The M2 row of the models issue (Kingma et al. 2014, 100 labels: 11.97 % ± 1.71 test error, a spread over
# runs with different labelled subsets): one run per label seed, `vae train --labels 100 --label-seed S
# -P hidden=500 -P latent=50 --epochs EPOCHS --threads 1`, then `vae classify` on the 10,000 test images into
# runs/m2/seedS.classify.txt. A run resumes its checkpoint, so it can go in pieces (tools/models/keep_piece.sh m2
# seedS keeps one in the checkout); the mean and spread over seeds are the figure to set beside the paper's.
# usage: tools/models/m2_table.sh SEED [EPOCHS]      (EPOCHS default 100)
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
seed=${1:?usage: $0 SEED [EPOCHS]}; epochs=${2:-100}
frozen_build runs/m2 build
V="nice -n 15 $V"
name=seed$seed
kept_piece "$name"
picture_flags 10
if [ -f "$name/model.safetensors" ]; then
  $V train --resume "$name/model.safetensors" --epochs "$epochs" --threads 1 "${PICTURES[@]}"
else
  $V train --labels 100 --label-seed "$seed" -P hidden=500 -P latent=50 --epochs "$epochs" --seed 1 --threads 1 \
    --out "$name" "${PICTURES[@]}"
fi
$V classify "$name/model.safetensors" -o "$name.predictions.csv" | tee "$name.classify.txt"
