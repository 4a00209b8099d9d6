#!/usr/bin/env bash
# Local SGD's images/s per partition against `vae train --threads 1` on the same machine, alternating
# (Spark first in odd rounds, one machine first in even ones): MNIST's `vae`, batch 128, 3 epochs,
# local[2] with 2 partitions and H = 100 (vae-spark's LocalSgdMnist). Needs the build (mvnw install).
# One machine is run alone ("single") and as two runs at once ("pair", each run's images/s), which
# share the cores, caches and memory bus as the two partitions do.
# Usage: tools/bench/local_sgd_ratio.sh [ROUNDS] [EPOCHS] [H]
# Prints each run's per-epoch images/s, then the medians of epochs 2..N (warm) and of whole runs, and their ratio.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"; epochs="${2:-3}"; h="${3:-100}"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
out="$(mktemp -d)"
./mvnw -q -o -pl vae-spark dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test >/dev/null
opts="$(sed -n 's/.*<spark.jvm.options>\(.*\)<\/spark.jvm.options>.*/\1/p' vae-spark/pom.xml)"
spark() {
  # shellcheck disable=SC2086 # the options are a list of flags
  "$java" $opts -Xmx4g -cp "vae-spark/target/classes:vae-spark/target/test-classes:$(cat "$out/cp.txt")" \
    vae.spark.LocalSgdMnist "$epochs" 2 "$h" 2>/dev/null |
    sed -n 's/^epoch \([0-9]*\) .* \([0-9.]*\) s  \([0-9,]*\) images\/s per partition$/spark \1 \2 \3/p' | tr -d ,
}
single() {
  ./vae train --variant vae --threads 1 --epochs "$epochs" --seed 1 --out "$out/single" --overwrite 2>/dev/null |
    sed -n 's/^epoch \([0-9]*\)\/[0-9]* .*  \([0-9.]*\) s  \([0-9,]*\) img\/s.*/single \1 \2 \3/p' | tr -d ,
}
pair() {
  local a="$out/pair-a" b="$out/pair-b"
  single > "$a" & single2 > "$b"; wait
  sed 's/^single/pair/' "$a" "$b"
}
single2() { out="$out/2" single; }
mkdir -p "$out/2"
for ((i = 0; i < rounds; i++)); do
  if ((i % 2 == 0)); then spark; single; pair; else pair; single; spark; fi
done | tee "$out/all.txt"
python3 - "$out/all.txt" <<'PY'
import sys, collections, statistics
warm = collections.defaultdict(list); whole = collections.defaultdict(list); run = collections.defaultdict(list)
for line in open(sys.argv[1]):
    side, epoch, secs, ips = line.split()
    epoch, secs, ips = int(epoch), float(secs), float(ips)
    if epoch == 1 and run[side]:
        whole[side].append(sum(i * s for i, s in run[side]) / sum(s for _, s in run[side])); run[side] = []
    run[side].append((ips, secs))
    if epoch > 1:
        warm[side].append(ips)
for side in run:
    whole[side].append(sum(i * s for i, s in run[side]) / sum(s for _, s in run[side]))
for name, d in (("epochs 2+", warm), ("whole runs", whole)):
    s, o, p = (statistics.median(d[k]) for k in ("spark", "single", "pair"))
    print(f"{name}: local SGD {s:,.0f} images/s per partition; one machine alone {o:,.0f} ({s / o:.0%}),"
          f" two runs at once {p:,.0f} each ({s / p:.0%})")
PY
