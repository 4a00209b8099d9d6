#!/usr/bin/env bash
# The image models against PyTorch, alternating in the same minutes: vae-bench's ResidualBlockBenchmark
# (x + Conv1x1(ReLU(Conv3x3(ReLU(x)))), forward and backward, batch 64, on 256x4x4 and 64x16x16 maps) and
# ColourConvStepBenchmark (a training step of the 64x64 colour conv VAE), beside tools/pytorch/image_step_speed.py
# at the same shapes. PyTorch runs as installed and with glibc's malloc keeping freed memory (see peer_ratio.sh);
# the ratio counts against the faster. An optional other vae4j build's modules (vae-bench/target/modules of
# another checkout) run beside this one as "vae4j-B", for A/B.
# Usage: tools/bench/image_ratio.sh PYTHON [ROUNDS] [OTHER_MODULES]   CASES="res256x4x4 res64x16x16 celeba64", THREADS="1 2"
set -euo pipefail
py="$1"; rounds="${2:-3}"; b_modules="${3:-}"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
source "$here/tools/bench/peer_sides.sh"
OTHER_BUILD="$b_modules"
vae4j() { # case threads [modules]
  local bench=(ResidualBlockBenchmark -p map="${1#res}")
  [ "$1" = celeba64 ] && bench=(ColourConvStepBenchmark)
  "$java" -p "${3:-$here/vae-bench/target/modules}" -m vae.bench "${bench[@]}" -p backend=simd -p threads="$2" \
    -f 1 -wi 3 -w 2 -i 4 -r 2 -rf json -rff "$out/r.json" >/dev/null 2>&1
  python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))[0]["secondaryMetrics"]["images"]["score"], 1))' "$out/r.json"
}
torch() { # case threads [env...]
  env "${@:3}" OMP_NUM_THREADS=$2 MKL_NUM_THREADS=$2 "$py" "$here/tools/pytorch/image_step_speed.py" "$2" "$1" |
    awk -v c="$1" '$1 == c {for (i = 1; i <= NF; i++) if ($i == "images/s,") print $(i - 1)}'
}
peer_rounds "$rounds" "${CASES:-res256x4x4 res64x16x16 celeba64}" "${THREADS:-1 2}" | tee "$out/all.txt"
python3 - "$out/all.txt" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, case, threads, rate = line.split()
    runs[(case, threads, side)].append(float(rate))
med = statistics.median
for case, threads in sorted({(c, t) for c, t, _ in runs}):
    peer = max(med(runs[(case, threads, "torch")]), med(runs[(case, threads, "torch-keep")]))
    line = f"{case} {threads} thread(s): PyTorch's faster median {peer:,.1f} images/s"
    for side in ("vae4j", "vae4j-B"):
        r = runs.get((case, threads, side))
        if r:
            line += f"; {side} {min(r):,.1f}-{max(r):,.1f} (median {med(r):,.1f}, {med(r) / peer:.2f}x)"
    print(line)
PY
