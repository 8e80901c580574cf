#!/usr/bin/env bash
# Speed-layer throughput and latency through the real broker: starts `bin/andiag broker` and `bin/andiag speed` on
# private ports and state under $SCRATCH, then drives them with io.andiag.bench.speed.SpeedLoad (one counter record
# per IP per minute, i.e. a heartbeat every minute):
#   1. throughput: --minutes minutes of records sent flat out; sustained records/s from the speed layer's own
#      and_counters_in_total;
#   2. latency: --latency-minutes minutes, one minute of records every --pace-ms (flushed), with a region-wide
#      incident injected (L3 on even minutes, L1 on odd ones: --incident-level, -1 for none) so that the speed layer
#      alerts nearly every minute; minute-close -> abnormal and minute-close -> alert p50/p99 on read_committed
#      consumers of and.abnormal and and.alerts;
# then the speed JVM's heap after a full GC and RSS, and the parameter set's load time and heap per series
# (io.andiag.bench.speed.ParamLoad). Prints RESULT lines and appends a row to docs/BENCHMARKS.md.
#
# Also: records per CPU second of the speed JVM over the flat-out run (independent of the machine's load).
#
#   bench/speed.sh --lake DIR --ips N [--minutes 10] [--latency-minutes 6] [--pace-ms 10000] [--incident-level 3]
#                  [--heap 4g] [--no-append]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

args_text="$*"
lake=""; ips=10000; minutes=10; latency_minutes=6; pace_ms=10000; incident_level=3; heap=4g; append=1
port=19092; metrics_port=19464
while [[ $# -gt 0 ]]; do
  case "$1" in
    --lake) lake="$2"; shift 2 ;;
    --ips) ips="$2"; shift 2 ;;
    --minutes) minutes="$2"; shift 2 ;;
    --latency-minutes) latency_minutes="$2"; shift 2 ;;
    --pace-ms) pace_ms="$2"; shift 2 ;;
    --incident-level) incident_level="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --no-append) append=0; shift ;;
    *) echo "speed.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$lake" && -f "$lake/params/LATEST" ]] || { echo "speed.sh: --lake DIR with params/LATEST is required" >&2; exit 2; }

ensure_bench_jar
run="$SCRATCH/speed-$ips-$$"
mkdir -p "$run"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$run/broker" "$run/state"
}
trap cleanup EXIT

"$ROOT/bin/andiag" broker --help > /dev/null   # builds the speed-layer jar first when it is stale
"$ROOT/bin/andiag" broker --port "$port" --data-dir "$run/broker" > "$run/broker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do grep -q "127.0.0.1:$port" "$run/broker.log" && break; sleep 1; done
grep -q "127.0.0.1:$port" "$run/broker.log" || { echo "speed.sh: broker did not start, see $run/broker.log" >&2; exit 1; }

ANDIAG_JAVA_OPTS="-Xmx$heap" "$ROOT/bin/andiag" speed --bootstrap "127.0.0.1:$port" --lake "$lake" \
  --state-dir "$run/state" --metrics-port "$metrics_port" > "$run/speed.log" 2>&1 &
speed_pid=$!
pids=("$speed_pid" "${pids[@]}")
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$metrics_port/health" > /dev/null && break
  kill -0 "$speed_pid" 2>/dev/null || { echo "speed.sh: speed layer exited, see $run/speed.log" >&2; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$metrics_port/health" > /dev/null || { echo "speed.sh: speed layer not healthy" >&2; exit 1; }

load_before="$(machine_load)"
load_cmd=("$JAVA" -Xmx2g -cp "$BENCH_JAR" io.andiag.bench.speed.SpeedLoad --bootstrap "127.0.0.1:$port" --lake "$lake"
  --ips "$ips" --metrics "http://127.0.0.1:$metrics_port/metrics")
# CPU seconds the speed JVM spends on the flat-out run (utime + stime): records per CPU second does not depend on
# how much of the shared machine the job got
cpu_ticks() { awk '{print $14 + $15}' "/proc/$speed_pid/stat"; }
ticks_before="$(cpu_ticks)"
"${load_cmd[@]}" --minutes "$minutes" --pace-ms 0 --start-minutes-ago $((minutes + latency_minutes + 30)) | tee "$run/throughput.out"
speed_cpu_s="$(awk -v a="$ticks_before" -v b="$(cpu_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (b - a) / hz}')"
"${load_cmd[@]}" --minutes "$latency_minutes" --pace-ms "$pace_ms" --incident-level "$incident_level" --start-minutes-ago $((latency_minutes + 20)) | tee "$run/latency.out"
load_after="$(machine_load)"

jcmd "$speed_pid" GC.run > /dev/null
heap_used_kb="$(jcmd "$speed_pid" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {print $(i+1); exit}}' | tr -d K)"
rss_kb="$(awk '/VmRSS/ {print $2}' /proc/"$speed_pid"/status)"
load_s="$(grep -o 'serving parameter set.*' "$run/speed.log" | head -1 || true)"
cleanup; pids=(); trap - EXIT

"$JAVA" -Xmx6g -cp "$BENCH_JAR" io.andiag.bench.speed.ParamLoad "$lake" 3 | tee "$run/params.out"

tp="$(grep '^RESULT ' "$run/throughput.out" | sed 's/^RESULT //')"
lat="$(grep '^RESULT ' "$run/latency.out" | sed 's/^RESULT //')"
par="$(grep '^RESULT ' "$run/params.out" | sed 's/^RESULT //')"
result="$(python3 - "$tp" "$lat" "$par" "$heap_used_kb" "$rss_kb" "$(machine_json)" "$heap" "$speed_cpu_s" "$args_text" <<'PY'
import json, sys
tp, lat, par = (json.loads(a) for a in sys.argv[1:4])
cpu_s = float(sys.argv[8])
heap_kb, rss_kb = int(sys.argv[4]), int(sys.argv[5])
r = {"bench": "speed", "ips": tp["ips"], "known_ips": tp["known_ips"], "series": tp["series"],
     "throughput": tp, "latency": lat, "param_load": par,
     "speed_cpu_s_flat_out": cpu_s, "records_per_speed_cpu_s": tp["records"] / cpu_s if cpu_s > 0 else None,
     "speed_heap_used_after_gc_bytes": heap_kb * 1024, "speed_rss_bytes": rss_kb * 1024, "xmx": sys.argv[7],
     "machine": json.loads(sys.argv[6]), "command": "bench/speed.sh " + sys.argv[9]}
print(json.dumps(r))
PY
)"
echo "RESULT $result"

if [[ "$append" == "1" ]]; then
  row="$(python3 - "$result" "$(today)" "$(machine_md)" "$load_before → $load_after" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
tp, lat, par = r["throughput"], r["latency"], r["param_load"]
def ms(v): return "–" if v is None else f"{v:,}"
def kinds(k): return ", ".join(f"{v} {n}" for n, v in k.items()) or "none"
def incident(l):
    return f'L{l["incident_level"]} incident on {l["incident_ips"]:,} IPs' if l["incident_ips"] else "no incident injected"
drained = "" if tp["drained"] else " (not drained)"
print(f'| {sys.argv[2]} | {sys.argv[3]} | {r["ips"]:,} ({r["known_ips"]:,} known, {r["series"]:,} series) '
      f'| {tp["records"]:,} in {tp["minutes"]} min | {tp["sustained_rps"]:,.0f}{drained}; {r["records_per_speed_cpu_s"]:,.0f} per CPU s '
      f'| {ms(lat["close_to_abnormal_p50_ms"])} / {ms(lat["close_to_abnormal_p99_ms"])} ({lat["latency_samples"]} abnormal, {lat["minutes"]} min paced {lat["pace_ms"] / 1000:.0f} s) '
      f'| {ms(lat["close_to_alert_p50_ms"])} / {ms(lat["close_to_alert_p99_ms"])} ({lat["alert_samples"]} of {lat["alerts"]} alerts timed: {kinds(lat["alert_kinds"])}; {incident(lat)}) '
      f'| {r["speed_heap_used_after_gc_bytes"] / 2**20:,.0f} MiB / {r["speed_rss_bytes"] / 2**20:,.0f} MiB '
      f'| {par["best_load_s"]:.2f} s (first {par["first_load_s"]:.2f} s) | {par["heap_bytes_per_series"]:,.0f} B '
      f'| 1 run each | {sys.argv[4]} | `{r["command"]}` |')
PY
)"
  append_row speed "$row"
fi
