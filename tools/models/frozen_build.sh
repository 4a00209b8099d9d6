# Sourced by the long-run scripts here: `frozen_build RUNS BUILD` makes RUNS (under the checkout), copies the
# current build's module path into RUNS/BUILD once, enters RUNS and sets V to the java command on that copy.
# Every piece of a run uses the same copy, so rebuilding the project cannot change its last bits.
frozen_build() {
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  mkdir -p "$1"
  [ -d "$1/$2" ] || cp -r vae-cli/target/modules "$1/$2"
  cd "$1"
  V="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java --add-modules jdk.incubator.vector -p $2 -m vae.cli"
}

# `kept_piece RUN` (in RUNS, after frozen_build): a run longer than a session is carried from machine to machine
# in the checkout: tools/models/keep_piece.sh copies its checkpoint, Adam's moments and history into
# long-runs/RUNS/RUN, committed; on a machine where RUNS/RUN has no checkpoint, this copies them back.
kept_piece() {
  local kept="../../long-runs/$(basename "$(pwd)")/$1"
  if [ ! -f "$1/model.safetensors" ] && [ -f "$kept/model.safetensors" ]; then
    mkdir -p "$1"
    cp "$kept"/* "$1"/
  fi
}

# `picture_flags N` (after frozen_build): PICTURES holds `--pictures-every N` when the frozen build knows the flag
# (builds from 2026-12-07 22:10 on), else nothing, so that a run of thousands of epochs keeps a few hundred pictures.
picture_flags() {
  PICTURES=()
  if $V train --help 2>/dev/null | grep -q -- --pictures-every; then
    PICTURES=(--pictures-every "$1")
  fi
}
