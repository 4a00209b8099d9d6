#!/usr/bin/env bash
# fetch.sh [DEST]: put the benchmark tables into DEST (default data/tables).
#
# Sources (no other network access):
#   - Debian packages python3-sklearn (sklearn/datasets/data/*.csv) and
#     r-cran-palmerpenguins (extdata/penguins.csv), via `apt-get download`
#     and `dpkg -x` into a temporary directory (nothing is installed);
#   - the Maven artifact io.github.padreati:rapaio-datasets:8.1.0 from the
#     local Maven repository, fetched with the project's ./mvnw if absent
#     (spam-base, SAheart, mushrooms and the MNIST IDX files).
# convert_tables.py then writes plain CSVs with a header row (see TABLES.md).
# The outputs are checked against tables.sha256 beside this script; a
# mismatch (e.g. a newer Debian package) is reported and exits with 1.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DEST=${1:-data/tables}
PY=${PYTHON:-/usr/bin/python3}
M2=${M2_REPO:-$HOME/.m2/repository}
JAR=$M2/io/github/padreati/rapaio-datasets/8.1.0/rapaio-datasets-8.1.0.jar

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/debs" "$TMP/deb" "$TMP/jar" "$DEST"

echo "Debian packages:"
(cd "$TMP/debs" && apt-get download -q python3-sklearn r-cran-palmerpenguins 2>&1 \
    | grep -v 'unsandboxed as root' || true)
for deb in "$TMP"/debs/*.deb; do
  dpkg -x "$deb" "$TMP/deb"
  echo "  $(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
done

if [ ! -f "$JAR" ]; then
  echo "rapaio-datasets not in $M2; resolving it with ./mvnw"
  (cd "$ROOT" && JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64} \
     ./mvnw -q dependency:get -Dmaven.repo.local="$M2" \
       -Dartifact=io.github.padreati:rapaio-datasets:8.1.0 -Dtransitive=false)
fi
if [ -f "$JAR.sha1" ]; then
  echo "$(cut -c1-40 "$JAR.sha1")  $JAR" | sha1sum -c --quiet -
fi
echo "  rapaio-datasets 8.1.0 ($(sha1sum "$JAR" | cut -c1-12))"
(cd "$TMP/jar" && unzip -q "$JAR" 'rapaio/provider/datasets/*.csv' 'rapaio/provider/datasets/mnist/*')

echo "Writing $DEST:"
"$PY" "$HERE/convert_tables.py" "$TMP" "$DEST"

(cd "$DEST" && sha256sum ./*.csv mnist/* > SHA256SUMS)
if (cd "$DEST" && sha256sum -c --quiet "$HERE/tables.sha256"); then
  echo "All tables match tools/tables/tables.sha256."
else
  echo "WARNING: tables differ from tools/tables/tables.sha256 (newer packages?)" >&2
  exit 1
fi
