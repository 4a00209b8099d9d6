#!/usr/bin/env bash
# vae4j against PyTorch, alternating in the same minutes: TrainingStepBenchmark (vae-bench) and
# tools/pytorch/step_speed.py, one training step of the same model at batch 128, images/s.
# Usage: tools/bench/peer_ratio.sh PYTHON [ROUNDS]   (PYTHON: e.g. what ../shared/tools/pytorch-peer.sh prints)
# VARIANTS="vae conv-vae" and THREADS="1 2" narrow the grid. Prints each run, then per variant and thread
# count the medians and the vae4j/PyTorch ratio. PyTorch runs twice per round: as installed, and with glibc's
# malloc told to keep freed memory (MALLOC_MMAP_THRESHOLD_ and friends): on VMs where a page fault is dear
# (Firecracker here) its fresh mmap per large tensor costs it up to 3.6x on the conv-vae; the ratio that
# counts is against the faster of the two.
set -euo pipefail
py="$1"; rounds="${2:-3}"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
source "$here/tools/bench/peer_sides.sh"
vae4j() { # variant threads
  "$java" -p "$here/vae-bench/target/modules" -m vae.bench TrainingStepBenchmark -p backend=simd -p variant="$1" \
    -p threads="$2" -f 1 -wi 4 -w 1 -i 6 -r 1 -rf json -rff "$out/r.json" >/dev/null 2>&1
  python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))[0]["secondaryMetrics"]["images"]["score"]))' "$out/r.json"
}
torch() { # variant threads [env...]
  env "${@:3}" OMP_NUM_THREADS=$2 MKL_NUM_THREADS=$2 "$py" "$here/tools/pytorch/step_speed.py" "$2" "$1" | awk '/median/ {print $5}'
}
peer_rounds "$rounds" "${VARIANTS:-vae conv-vae}" "${THREADS:-1 2}" | tee "$out/all.txt"
python3 - "$out/all.txt" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, variant, threads, rate = line.split()
    runs[(variant, threads, side)].append(float(rate))
for variant, threads in sorted({(v, t) for v, t, _ in runs}):
    a, b, c = (runs[(variant, threads, side)] for side in ("vae4j", "torch", "torch-keep"))
    med = statistics.median
    print(f"{variant} {threads} thread(s): vae4j {min(a):,.0f}-{max(a):,.0f} (median {med(a):,.0f}), "
          f"PyTorch {min(b):,.0f}-{max(b):,.0f} (median {med(b):,.0f}), with malloc keeping memory "
          f"{min(c):,.0f}-{max(c):,.0f} (median {med(c):,.0f}); ratio of medians {med(a) / med(b):.2f} and "
          f"{med(a) / med(c):.2f}")
PY
