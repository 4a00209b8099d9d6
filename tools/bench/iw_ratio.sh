#!/usr/bin/env bash
# Importance-sampled evaluation, vae4j against PyTorch, alternating in the same minutes: `vae evaluate CKPT -k K`
# and tools/pytorch/iw_speed.py on the same checkpoint (the default MLP VAE) and test images; decoded samples/s.
# Usage: tools/bench/iw_ratio.sh PYTHON CKPT [ROUNDS] [N] [K]   (MNIST_DIR: the IDX .gz files for PyTorch)
# PyTorch runs as installed and with glibc's malloc keeping freed memory (see peer_ratio.sh). vae4j's seconds
# are its evaluation's own (the JSON's), without the JVM's start; iw_speed.py's, the median of its rounds.
set -euo pipefail
py="$1"; ckpt="$2"; rounds="${3:-3}"; n="${4:-100}"; k="${5:-5000}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
keep=(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=68719476736 MALLOC_TOP_PAD_=1073741824)
out="$(mktemp)"
for ((i = 0; i < rounds; i++)); do
  for threads in ${THREADS:-1 2}; do
    "$here/vae" evaluate "$ckpt" -k "$k" --limit "$n" --threads "$threads" --json 2>/dev/null |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print("vae4j", sys.argv[1], round(d["examples"]*d["iw_samples"]/d["seconds"]), round(d["neg_log_px"], 2))' "$threads"
    for side in torch torch-keep; do
      if [ $side = torch ]; then env=(); else env=("${keep[@]}"); fi
      env "${env[@]}" OMP_NUM_THREADS=$threads "$py" "$here/tools/pytorch/iw_speed.py" "$ckpt" "$n" "$k" "$threads" |
        python3 -c 'import statistics, sys; rows = [l.split() for l in sys.stdin]
print(sys.argv[1], sys.argv[2], statistics.median(int(r[10].replace(",", "")) for r in rows), rows[-1][-1])' $side $threads
    done
  done
done | tee "$out"
python3 - "$out" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, threads, rate, nll = line.split()
    runs[(threads, side)].append(float(rate))
for threads in sorted({t for t, _ in runs}):
    a, b, c = (runs[(threads, s)] for s in ("vae4j", "torch", "torch-keep"))
    med = statistics.median
    print(f"{threads} thread(s): vae4j median {med(a):,.0f} samples/s, PyTorch {med(b):,.0f}, with malloc keeping memory "
          f"{med(c):,.0f}; ratios {med(a) / med(b):.2f} and {med(a) / med(c):.2f}")
PY
