#!/bin/bash
# MNIST, the pytorch/examples MLP (hidden 400, latent 20), 20 epochs, seed 1: the standard prior, the
# two-layer prior with bottom-up inference (the IWAE paper's) and with top-down residual inference
# (NVAE's; the residual from x and z2, and from x alone), z2 of 10 dimensions, the prior's networks
# 2 x 100 tanh units; then evaluate on the first 2,000 test images with k = 1,000 and draw 64 samples.
# Usage: compare_hierarchical.sh DIR [NAME ...], where DIR/build holds the modules (a copy of
# vae-cli/target/modules); NAME is standard, bottom-up, top-down or top-down-x (default: these four),
# or bottom-up-warmup, top-down-warmup (the KL weight rising linearly over the first 10 epochs).
cd "$1" || exit 2
shift
[ $# -gt 0 ] || set -- standard bottom-up top-down top-down-x
V="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -p build -m vae.cli"
declare -A ARGS=([standard]="" [bottom-up]="--prior hierarchical -P latent2=10"
                 [top-down]="--prior hierarchical -P latent2=10 -P inference=top-down"
                 [top-down-x]="--prior hierarchical -P latent2=10 -P inference=top-down -P residual=x"
                 [bottom-up-warmup]="--prior hierarchical -P latent2=10 --warmup 10"
                 [top-down-warmup]="--prior hierarchical -P latent2=10 -P inference=top-down --warmup 10")
for name in "$@"; do
  args=${ARGS[$name]}
  rm -rf $name
  start=$(date +%s)
  $V train $args --epochs 20 --seed 1 --out $name > $name.train.log 2>&1
  mid=$(date +%s)
  $V evaluate $name/model.safetensors --limit 2000 -k 1000 --json > $name.eval.json 2> $name.eval.err
  end=$(date +%s)
  $V sample $name/model.safetensors -n 64 --seed 1 -o $name.samples.png > /dev/null 2>&1
  echo "$name train $((mid-start)) s, evaluate $((end-mid)) s ($(uptime | sed 's/.*load/load/'))"
done
