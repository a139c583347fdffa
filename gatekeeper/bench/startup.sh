#!/usr/bin/env bash
# Start-up benchmark (not a test): wall and CPU time of a one-object `gkstudio test`, as CI calls it per file.
# "plain" is `java -jar` with no options; "tuned" is the ./gkstudio launcher (class-data archive, C1 only, serial
# GC). Runs are interleaved so that both see the same machine load; CPU time (user+sys) is the steadier figure
# on a shared machine. Usage: gatekeeper/bench/startup.sh [runs]   (build first: ./gkstudio --version)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-20}"
JAR="$ROOT/gatekeeper/target/gatekeeper-0.1.0-SNAPSHOT-cli.jar"
D="$ROOT/gatekeeper/src/cds"
ARGS=(test -f "$D/template.yaml" -f "$D/constraint.yaml" -f "$D/object.yaml")
PLAIN=$(mktemp) TUNED=$(mktemp)
trap 'rm -f "$PLAIN" "$TUNED"' EXIT
for ((i = 0; i < RUNS; i++)); do
  /usr/bin/time -a -o "$PLAIN" -f "%e %U %S" java -jar "$JAR" "${ARGS[@]}" >/dev/null 2>&1 || true
  /usr/bin/time -a -o "$TUNED" -f "%e %U %S" "$ROOT/gkstudio" "${ARGS[@]}" >/dev/null 2>&1 || true
done
report() {
  grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$2" | sort -n | awk -v name="$1" '{w[NR]=$1; ws+=$1; c+=$2+$3} END {
    printf "%-6s wall mean %.3f s, median %.3f s; CPU (user+sys) mean %.3f s; %d runs\n", name, ws/NR, w[int((NR+1)/2)], c/NR, NR }'
}
report plain "$PLAIN"
report tuned "$TUNED"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (wall time is only comparable at similar load)"
