#!/bin/bash
# One piece of the IWAE paper's one-stochastic-layer VAE (Burda et al. 2016, Table 1): 784-200-200-50 tanh,
# batch 20, Adam eps 1e-4, 3^i epochs at 1e-3·10^(-i/7), dynamically binarised MNIST. Resumes when
# runs/iwae-table/vae-k1 holds a checkpoint. It runs from a frozen copy of the build (runs/iwae-table/build),
# so rebuilding the project while it trains cannot swap jars under it; every piece uses the same copy, since a newer build may change the last bits.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p runs/iwae-table
[ -d runs/iwae-table/build ] || cp -r vae-cli/target/modules runs/iwae-table/build
cd runs/iwae-table
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
V="$J --add-modules jdk.incubator.vector -p build -m vae.cli"
if [ -f vae-k1/model.safetensors ]; then
  exec nice -n 19 $V train --resume vae-k1/model.safetensors --epochs 3280
else
  exec nice -n 19 $V train --variant vae -P depth=2 -P hidden=200 -P latent=50 -P activation=tanh \
    --batch-size 20 --adam-eps 1e-4 --lr-schedule iwae --binarize dynamic --epochs 3280 --seed 1 --out vae-k1
fi
