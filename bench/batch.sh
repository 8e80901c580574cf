#!/usr/bin/env bash
# Batch scale curve: the whole nightly `andiag batch` (profile, noise, train-detector, train-router, publish) in Spark local mode
# on a simulated region of --ips IPs x --days days, under /usr/bin/time -v. Wall time per step from the step logs,
# total wall, CPU and peak RSS from time(1). Prints a RESULT line and appends a row to docs/BENCHMARKS.md.
#
#   bench/batch.sh --ips N [--days 1] [--interval-s 15] [--lake DIR] [--keep-lake] [--no-append]
#
# --interval-s is the simulated agents' counter interval (15 s by default; the demo's agents report every 60 s, which
# is 4x fewer counter rows for the same IP-minutes). ANDIAG_JAVA_OPTS sets the batch JVM's heap (default -Xmx6g).
# The lake is simulated (seed 7, days ending 2026-11-21) under $AND_BENCH_BIG (default /tmp/and-bench) unless
# --lake names one; it is deleted afterwards unless --keep-lake (the speed benchmark reuses its parameter set).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ips=""; days=1; interval=15; lake=""; keep=0; append=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ips) ips="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --interval-s) interval="$2"; shift 2 ;;
    --lake) lake="$2"; keep=1; shift 2 ;;
    --keep-lake) keep=1; shift ;;
    --no-append) append=0; shift ;;
    *) echo "batch.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$ips" ]] || { echo "batch.sh: --ips N is required" >&2; exit 2; }
big="${AND_BENCH_BIG:-/tmp/and-bench}"
end_day=2026-11-21
start_day="$(date -u -d "$end_day - $((days - 1)) days" +%F)"
suffix=""; [[ "$interval" == "15" ]] || suffix="-i$interval"
lake="${lake:-$big/lake-$ips-$days$suffix}"
mkdir -p "$big"

if [[ ! -f "$lake/_simulation.json" ]]; then
  /usr/bin/time -v "$ROOT/bin/andiag" simulate --ips "$ips" --days "$days" --start "$start_day" --seed 7 \
    --interval-s "$interval" --out "$lake" 2> "$lake.simulate.time" | tail -3
fi

log="$big/batch-$ips-$days$suffix-$(date -u +%H%M%S).log"
load_before="$(machine_load)"
set +e
/usr/bin/time -v "$ROOT/bin/andiag" batch --lake "$lake" --date "$end_day" --history-days "$days" > "$log" 2>&1
rc=$?
set -e
load_after="$(machine_load)"
tail -5 "$log"

result="$(python3 - "$log" "$ips" "$days" "$rc" "$(machine_json)" "$interval" "${ANDIAG_JAVA_OPTS:-}" <<'PY'
import json, re, sys
log, ips, days, rc, machine = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
interval, java_opts = int(sys.argv[6]), sys.argv[7]
text = open(log).read()
steps = {m[0]: float(m[1]) for m in re.findall(r"StepReport - ([a-z-]+): done in ([0-9.]+) s", text)}
def field(name):
    m = re.search(re.escape(name) + r": (.+)", text)
    return m.group(1).strip() if m else None
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
secs = None
if wall:
    parts = [float(p) for p in wall.split(":")]
    secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rows = re.search(r"read retx_counters .*?\((\d+) rows\)", text)
print(json.dumps({"bench": "batch", "ips": ips, "days": days, "interval_s": interval, "java_opts": java_opts,
                  "exit_code": rc, "steps_s": steps,
                  "wall_s": secs, "user_s": float(field("User time (seconds)") or "nan"),
                  "cpu_percent": field("Percent of CPU this job got"),
                  "max_rss_kb": int(field("Maximum resident set size (kbytes)") or 0),
                  "log": log, "machine": json.loads(machine)}))
PY
)"
echo "RESULT $result"

if [[ "$append" == "1" ]]; then
  row="$(python3 - "$result" "$(today)" "$(machine_md)" "$load_before → $load_after" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
s = r["steps_s"]
def st(k): return f'{s[k]:.1f} s' if k in s else "–"
wall = "failed (exit %d)" % r["exit_code"] if r["exit_code"] else f'{r["wall_s"]:.0f} s'
size = f'{r["ips"]:,} × {r["days"]}' + ("" if r["interval_s"] == 15 else f' ({r["interval_s"]} s counters)')
size += f' {r["java_opts"]}' if r["java_opts"] else ""
opts = ("" if r["interval_s"] == 15 else f' --interval-s {r["interval_s"]}')
env = f'ANDIAG_JAVA_OPTS="{r["java_opts"]}" ' if r["java_opts"] else ""
print(f'| {sys.argv[2]} | {sys.argv[3]} | {size} | {st("profile")} | {st("noise")} '
      f'| {st("train-detector")} | {st("train-router")} | {st("publish")} | {wall} | {r["user_s"]:.0f} s ({r["cpu_percent"]}) '
      f'| {r["max_rss_kb"] / 2**20:.2f} GiB | 1 | {sys.argv[4]} | `{env}bench/batch.sh --ips {r["ips"]} --days {r["days"]}{opts}` |')
PY
)"
  append_row batch "$row"
fi
if [[ "$keep" == "0" ]]; then rm -rf "$lake"; fi
exit "$rc"
