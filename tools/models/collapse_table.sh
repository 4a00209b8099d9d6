#!/bin/bash
# The collapse table (models issue): the IWAE paper's one-layer network (784-200-200-50, tanh) on dynamically
# binarised MNIST, 100 epochs at batch 100 with Adam 1e-3, trained plain, with KL warm-up and with free bits;
# each evaluated with k = 1000 importance samples on the whole test set (active units, -ELBO, -log p(x)).
# Runs from a frozen copy of the build (runs/collapse/build) so that rebuilding cannot swap jars under it.
set -euo pipefail
source "$(dirname "$0")/frozen_build.sh"
frozen_build runs/collapse build
V="nice -n 10 $V"
NET="--variant vae -P depth=2 -P hidden=200 -P latent=50 -P activation=tanh --binarize dynamic --epochs 100 --batch-size 100 --seed 1"
run() { # name, extra flags
  local name=$1; shift
  [ -f "$name/model.safetensors" ] || $V train $NET "$@" --out "$name" > "$name.log" 2>&1
  [ -f "$name.eval.json" ] || $V evaluate "$name/model.safetensors" -k 1000 --json > "$name.eval.json" 2> "$name.eval.err"
}
run plain
run warmup100 --warmup 100
run warmup20 --warmup 20
run freebits0.25 --free-bits 0.25
run freebits1 --free-bits 1
