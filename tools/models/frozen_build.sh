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
