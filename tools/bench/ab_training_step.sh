#!/usr/bin/env bash
# Paired A/B of TrainingStepBenchmark: two builds' vae-bench/target/modules, run alternately
# (A B B A per round) in the same minutes, so drift of a shared machine falls on both sides.
# Usage: tools/bench/ab_training_step.sh A_MODULES B_MODULES [ROUNDS] [extra JMH args]
# THREADS="2" and VARIANTS="vae" narrow the grid (default: 1 2 and vae conv-vae).
# Prints one line per run: side, variant, threads, images/s; then the medians and B/A ratio.
set -euo pipefail
a="$1"; b="$2"; rounds="${3:-2}"; shift $(( $# < 3 ? $# : 3 )); extra=("$@")
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
out="$(mktemp -d)"
run() { # side modules variant threads
  "$java" -p "$2" -m vae.bench TrainingStepBenchmark -p backend=simd -p variant="$3" -p threads="$4" \
    -f 1 -wi 4 -w 1 -i 8 -r 1 -prof vae.bench.StealProfiler -rf json -rff "$out/r.json" "${extra[@]}" \
    >/dev/null 2>&1
  python3 - "$out/r.json" "$1" "$3" "$4" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))[0]
m = r["secondaryMetrics"]
print(sys.argv[2], sys.argv[3], sys.argv[4], round(m["images"]["score"]), round(m["·cpu.steal"]["score"], 1))
PY
}
for ((i = 0; i < rounds; i++)); do
  for variant in ${VARIANTS:-vae conv-vae}; do
    for threads in ${THREADS:-1 2}; do
      run A "$a" "$variant" "$threads"; run B "$b" "$variant" "$threads"
      run B "$b" "$variant" "$threads"; run A "$a" "$variant" "$threads"
    done
  done
done | tee "$out/all.txt"
python3 - "$out/all.txt" <<'PY'
import sys, collections, statistics
s = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, v, t, ips, steal = line.split()
    s[(v, t, side)].append(float(ips))
for v in ("vae", "conv-vae"):
    for t in ("1", "2"):
        if not s[(v, t, "A")]:
            continue
        a = statistics.median(s[(v, t, "A")]); b = statistics.median(s[(v, t, "B")])
        print(f"{v:9s} {t} threads  A {a:9.0f}  B {b:9.0f}  B/A {b / a:.3f}")
PY
