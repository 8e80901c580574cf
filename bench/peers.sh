#!/usr/bin/env bash
# AND's detector vs Random Cut Forest (randomcutforest-core) vs a windowed Gaussian, in one run, on the same simulated
# region and the same scorecard (io.andiag.bench.peers.PeerComparison; see bench/README.md for how quality is
# computed). Prints the RESULT line and appends rows to docs/BENCHMARKS.md (speed and state, and quality).
#
#   bench/peers.sh [--ips 2000] [--lake DIR --day YYYY-MM-DD] [--no-append] [-- PeerComparison options]
#
# Without --lake: simulates --ips IPs x 4 days (2026-11-18..21, seed 7) under $SCRATCH, runs the nightly batch on
# the first three days, and evaluates on the fourth (warm-up: the last 12 h of the third).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

args_text="$*"
ips=2000; lake=""; day=2026-11-21; append=1; extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ips) ips="$2"; shift 2 ;;
    --lake) lake="$2"; shift 2 ;;
    --day) day="$2"; shift 2 ;;
    --no-append) append=0; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "peers.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

ensure_bench_jar
if [[ -z "$lake" ]]; then
  lake="$SCRATCH/lake-peers-$ips"
  if [[ ! -f "$lake/_simulation.json" ]]; then
    "$ROOT/bin/andiag" simulate --ips "$ips" --days 4 --start 2026-11-18 --seed 7 --out "$lake" | tail -1
  fi
  if [[ ! -f "$lake/params/LATEST" ]]; then
    "$ROOT/bin/andiag" batch --lake "$lake" --date 2026-11-20 > "$lake.batch.log" 2>&1 \
      || { echo "peers.sh: batch failed, see $lake.batch.log" >&2; exit 1; }
  fi
fi

load_before="$(machine_load)"
# JOL reads record fields with its "magic field offset" (Unsafe refuses records)
"$JAVA" -Xmx6g -Djol.magicFieldOffset=true -Djdk.attach.allowAttachSelf=true -cp "$BENCH_JAR" io.andiag.bench.peers.PeerComparison --lake "$lake" --day "$day" "${extra[@]}" \
  | tee "$SCRATCH/peers-$ips.out"
load_after="$(machine_load)"
result="$(grep '^RESULT ' "$SCRATCH/peers-$ips.out" | sed 's/^RESULT //')"

if [[ "$append" == "1" ]]; then
  rows="$(python3 - "$result" "$(today)" "$(machine_md)" "$load_before → $load_after" "$args_text" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
date, machine, load, args = sys.argv[2:6]
cmd = "`bench/peers.sh " + args + "`"
sampled = f' (every {r["ip_stride"]}th IP)' if r["ip_stride"] > 1 else ""
region = f'{r["ips"]:,} IPs{sampled}, {r["series"]:,} series, {r["minutes"]:,} min'
d = r["detectors"]
ours = d["and"]
for name in ("and", "rcf", "gaussian"):
    x = d[name]
    ratio = "1" if name == "and" else f'{ours["points_per_s"] / x["points_per_s"]:.2f} / {ours["heap_state_bytes_per_series"] / x["heap_state_bytes_per_series"]:.4f} / {ours["stored_state_bytes_per_series"] / x["stored_state_bytes_per_series"]:.4f}'
    print(f'SPEED| {date} | {machine} | {region} | {name} | {x["points_per_s"]:,.0f} | {x["heap_state_bytes_per_series"]:,.0f} | {x["stored_state_bytes_per_series"]:,.0f} | {ratio} | {x["settings"]} | 1 | {load} | {cmd} |')
for name, q in r["quality"].items():
    print(f'QUALITY| {date} | {r["ips"]:,} IPs{sampled}, {r["incident_ip_minutes"]:,} incident IP-min | {name} | {q["threshold"]:.4g} | {q["flagged_ip_minutes"]:,} | {q["precision"]:.3f} | {q["recall"]:.3f} | {q["f1"]:.3f} | {q["incidents_found"]} / {q["incidents"]} | {q["benign_alerted"]} / {q["benign"]} | {100 * q["normal_flag_share"]:.4f} % | {cmd} |')
PY
)"
  while IFS= read -r line; do
    case "$line" in
      SPEED\|*) append_row peers-speed "${line#SPEED}" ;;
      QUALITY\|*) append_row peers-quality "${line#QUALITY}" ;;
    esac
  done <<< "$rows"
fi
