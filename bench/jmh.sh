#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (bench/jmh): scoring per series-minute (feature extraction + isolation
# forest on a published parameter set) and routing per incident candidate, with -prof gc (allocation per op).
# Prints one RESULT line (JSON) per benchmark and appends them to docs/BENCHMARKS.md.
#
#   bench/jmh.sh [--params-lake DIR] [--sim-lake DIR] [--quick] [--no-append]
#
# --params-lake  lake with params/LATEST to score with (default: the committed sample, datasets/sample/lake)
# --sim-lake     simulated lake whose labelled events become routing candidates (default: $SCRATCH/lake2k,
#                simulated there with 2000 IPs x 1 day when missing)
# --quick        1 warm-up + 2 measurement iterations of 1 s (a smoke run; the rows say so)
# --only WHICH   scoring | routing (default: both)
# --label TEXT   added to the benchmark name in the rows (e.g. "before: …" / "after: …" of a change)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command="bench/jmh.sh $*"
params_lake="$ROOT/datasets/sample/lake"
sim_lake="$SCRATCH/lake2k"
iters=(-f 1 -wi 3 -w 2 -i 5 -r 2)
reps="1 fork x 5 x 2 s (3 x 2 s warm-up)"
append=1
only=""
label=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --params-lake) params_lake="$2"; shift 2 ;;
    --sim-lake) sim_lake="$2"; shift 2 ;;
    --quick) iters=(-f 1 -wi 1 -w 1 -i 2 -r 1); reps="quick: 1 fork x 2 x 1 s"; shift ;;
    --no-append) append=0; shift ;;
    --only) only="$2"; shift 2 ;;
    --label) label="$2"; shift 2 ;;
    *) echo "jmh.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

ensure_bench_jar
# routing runs with the rule router and with the trained bootstrap router shipped in offline-batch
bootstrap_router="$ROOT/offline-batch/src/main/resources/io/andiag/batch/router/bootstrap"
mkdir -p "$SCRATCH"
if [[ "$only" != "scoring" && ! -d "$sim_lake/labels" ]]; then
  "$ROOT/bin/andiag" simulate --ips 2000 --days 1 --start 2026-11-21 --seed 7 --out "$sim_lake"
fi

out="$SCRATCH/jmh-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
load_before="$(machine_load)"
reports=()
if [[ "$only" != "routing" ]]; then
  "$JAVA" -jar "$BENCH_JAR" "${iters[@]}" -prof gc -rf json -rff "$out/scoring.json" \
    -p lake="$params_lake" 'io.andiag.bench.jmh.ScoringBenchmark'
  reports+=("$out/scoring.json")
fi
if [[ "$only" != "scoring" ]]; then
  "$JAVA" -jar "$BENCH_JAR" "${iters[@]}" -prof gc -rf json -rff "$out/routing.json" \
    -p simLake="$sim_lake" -p router="rules,$bootstrap_router" 'io.andiag.bench.jmh.RoutingBenchmark'
  reports+=("$out/routing.json")
fi
load_after="$(machine_load)"

python3 - "$label" "${reports[@]}" > "$out/rows.jsonl" <<'PY'
import json, sys
label = sys.argv[1]
for path in sys.argv[2:]:
    for b in json.load(open(path)):
        pm = b["primaryMetric"]
        sec = b.get("secondaryMetrics", {})
        alloc = next((v["score"] for k, v in sec.items() if k.endswith("gc.alloc.rate.norm")), None)
        name = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
        router = b.get("params", {}).get("router")
        if router:
            name += " [rules]" if router == "rules" else " [trained: " + router.rstrip("/").rsplit("/", 1)[-1] + "]"
        print(json.dumps({"bench": "jmh", "benchmark": name + (f" ({label})" if label else ""),
                          "score": pm["score"], "error": pm["scoreError"], "unit": pm["scoreUnit"],
                          "alloc_bytes_per_op": alloc, "params": b.get("params", {})}))
PY
machine="$(machine_json)"
while read -r line <&3; do
  echo "RESULT $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r["machine"]=json.loads(sys.argv[2]); print(json.dumps(r))' "$line" "$machine")"
  if [[ "$append" == "1" ]]; then
    row="$(python3 - "$line" "$(today)" "$(machine_md)" "$load_before → $load_after" "$reps" "$command" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
alloc = "–" if r["alloc_bytes_per_op"] is None else f'{r["alloc_bytes_per_op"]:.0f}'
unit = r["unit"].replace("/op", "")
err = r["error"] if isinstance(r["error"], (int, float)) else float("nan")
spread = "" if err != err else f" ± {err:.1f}"   # JMH gives no error below 3 iterations
print(f'| {sys.argv[2]} | {sys.argv[3]} | {r["benchmark"]} | {r["score"]:.1f}{spread} {unit} | {alloc} | {sys.argv[5]} | {sys.argv[4]} | `{sys.argv[6]}` |')
PY
)"
    append_row jmh "$row"
  fi
done 3< "$out/rows.jsonl"
