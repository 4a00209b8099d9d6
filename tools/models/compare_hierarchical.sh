#!/bin/bash
# MNIST, the pytorch/examples MLP (hidden 400, latent 20), 20 epochs, seed 1: the standard prior, the
# two-layer prior with bottom-up inference (the IWAE paper's) and with top-down residual inference
# (NVAE's), z2 of 10 dimensions, p(z1|z2) and q(z2|.) of 2 x 100 tanh units; then evaluate on the
# first 2,000 test images with k = 1,000. Usage: compare_hierarchical.sh DIR [NAME ...], where
# DIR/build holds the modules (a copy of vae-cli/target/modules).
cd "$1" || exit 2
shift
V="/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -p build -m vae.cli"
declare -A ARGS=([standard]="" [bottom-up]="--prior hierarchical -P latent2=10"
                 [top-down]="--prior hierarchical -P latent2=10 -P inference=top-down")
for name in "${@:-standard bottom-up top-down}"; do
  args=${ARGS[$name]}
  rm -rf $name
  start=$(date +%s)
  $V train $args --epochs 20 --seed 1 --out $name > $name.train.log 2>&1
  mid=$(date +%s)
  $V evaluate $name/model.safetensors --limit 2000 -k 1000 --json > $name.eval.json 2> $name.eval.err
  end=$(date +%s)
  echo "$name train $((mid-start)) s, evaluate $((end-mid)) s ($(uptime | sed 's/.*load/load/'))"
done
