#!/bin/bash
# Copies a long run's last checkpoint, Adam's moments and history (pause the run first, kill -STOP, so the
# three are of the same epoch) from runs/GROUP/RUN into long-runs/GROUP/RUN, to be committed: the next session, on whatever
# machine, resumes from there (the scripts' kept_piece). Usage: tools/models/keep_piece.sh GROUP RUN
set -euo pipefail
cd "$(dirname "$0")/../.."
from="runs/$1/$2"; to="long-runs/$1/$2"
[ -f "$from/model.safetensors" ] || { echo "no checkpoint in $from" >&2; exit 2; }
mkdir -p "$to"
for f in model.safetensors model.optimizer.safetensors history.jsonl model.best.safetensors; do
  [ -f "$from/$f" ] || continue
  cp "$from/$f" "$to/.$f.tmp" && mv "$to/.$f.tmp" "$to/$f"
done
tail -1 "$to/history.jsonl" | cut -c1-200
