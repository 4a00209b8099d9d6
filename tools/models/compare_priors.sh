#!/bin/bash
# MNIST, the pytorch/examples MLP (latent 20), 20 epochs, seed 1: each prior and posterior flow, then
# `vae evaluate` on the first 2,000 test images with k = 1,000. Writes runs/priors/<name>/ and
# runs/priors/<name>.eval.json; the table is in docs/results.md. Names given as arguments run only those.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p runs/priors
for spec in "standard:" "mog:--prior mog -P components=10" "vamp:--prior vamp -P pseudo_inputs=500" \
            "realnvp:--prior realnvp" "planar:--posterior planar -P flows=10" "iaf:--posterior iaf -P steps=4" \
            "planar40:--posterior planar -P flows=40" "hierarchical:--prior hierarchical -P latent2=10"; do
  name=${spec%%:*}; args=${spec#*:}
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  # shellcheck disable=SC2086
  ./vae train $args --epochs 20 --seed 1 --out runs/priors/$name --overwrite
  ./vae evaluate runs/priors/$name/model.safetensors --limit 2000 -k 1000 --json > runs/priors/$name.eval.json
done
