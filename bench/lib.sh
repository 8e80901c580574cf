#!/usr/bin/env bash
# Shared by the bench/*.sh scripts: the machine line, the bench jar, and appending a row to docs/BENCHMARKS.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# AND_BENCH_JAR: use this bench jar as is (e.g. a copy, while another run still reads target/and-bench.jar)
BENCH_JAR="${AND_BENCH_JAR:-$ROOT/bench/jmh/target/and-bench.jar}"
BENCHMARKS_MD="$ROOT/docs/BENCHMARKS.md"
SCRATCH="${AND_BENCH_SCRATCH:-/dev/shm/and-bench}"

# The bench jar, built through the wrapper when missing or older than its sources or common-model's.
ensure_bench_jar() {
  if [[ -n "${AND_BENCH_JAR:-}" ]]; then
    return 0
  fi
  if [[ -f "$BENCH_JAR" && -z "$(find "$ROOT/bench/jmh/src" "$ROOT/bench/jmh/pom.xml" "$ROOT/common-model/src" \
        -newer "$BENCH_JAR" -type f -print -quit)" ]]; then
    return 0
  fi
  echo "bench: building bench/jmh ..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl bench/jmh -am package -DskipTests) >&2
}

machine_cores() { nproc; }
machine_mem_gib() { awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo; }
machine_jvm() { "$JAVA" -version 2>&1 | awk -F'"' '/version/ {v=$2} /Runtime Environment/ {split($0, a, " "); n=a[1]} END {print n " " v}'; }
# The 1-, 5- and 15-minute load averages, e.g. "3.10 2.50 2.00".
machine_load() { awk '{print $1, $2, $3}' /proc/loadavg; }

# "2 cores / 24 GiB / OpenJDK 17.0.15"
machine_md() { echo "$(machine_cores) cores / $(machine_mem_gib) GiB / $(machine_jvm)"; }
machine_json() {
  printf '{"cores":%s,"mem_gib":%s,"jvm":"%s","load":"%s"}' "$(machine_cores)" "$(machine_mem_gib)" \
    "$(machine_jvm)" "$(machine_load)"
}

# append_row NAME ROW: inserts the markdown ROW just above the "<!-- bench:NAME rows -->" marker of BENCHMARKS.md.
append_row() {
  local name="$1" row="$2"
  python3 - "$BENCHMARKS_MD" "<!-- bench:$name rows -->" "$row" <<'PY'
import sys
path, marker, row = sys.argv[1:4]
text = open(path).read()
if marker not in text:
    sys.exit(f"bench: no '{marker}' in {path}")
open(path, "w").write(text.replace(marker, row + "\n" + marker, 1))
PY
  echo "bench: row appended to docs/BENCHMARKS.md ($name)" >&2
}

# json_get JSON KEY...: a value from a JSON object by path, e.g. json_get "$r" detectors rcf points_per_s
json_get() {
  python3 - "$@" <<'PY'
import json, sys
v = json.loads(sys.argv[1])
for k in sys.argv[2:]:
    v = v[k]
print(v)
PY
}

today() { date -u +%F; }
