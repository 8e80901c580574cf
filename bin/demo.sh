#!/usr/bin/env bash
# andiag demo — the whole system on one machine, from a clone: simulate a region with ground truth, train on its
# history (Spark), stream a live window through a real Kafka broker into the speed layer, print the alerts, archive
# the output into the lake and score it. Every process it starts is stopped on exit, Ctrl-C or failure.
# docs/demo.md explains each step and the numbers. Called by `bin/andiag demo`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANDIAG="$ROOT/bin/andiag"

# ---- options --------------------------------------------------------------------------------------------------------
WORK="$PWD/andiag-demo"
IPS=2000
HISTORY_DAYS=2
INTERVAL_S=60
INCIDENTS_PER_DAY=36
BENIGN_PER_DAY=12
WINDOW_FROM="06:00"
WINDOW_TO="14:00"
SEED=7
DRAIN_TIMEOUT_S=600
TARGET_SHARE=0.002

usage() {
  cat <<USAGE
Usage: andiag demo [--work-dir DIR] [--ips N] [--history-days H] [--window HH:MM-HH:MM] [--seed S]
                   [--incidents-per-day R] [--benign-per-day B] [--interval-s SECONDS] [--target-share X]

Simulates a region (N IPs, H history days and one live day, the live day being yesterday), runs the nightly batch
on the history, starts a Kafka broker, replays the live day's window into it (UTC, at full speed), starts the speed
layer and the lake archive on it, prints alerts as they open, update and resolve, and ends with the scorecard
(scorecard.json and scorecard.md in the work directory). The lake stays in DIR/lake.

Defaults: --work-dir ./andiag-demo --ips $IPS --history-days $HISTORY_DAYS --window $WINDOW_FROM-$WINDOW_TO
          --incidents-per-day $INCIDENTS_PER_DAY --benign-per-day $BENIGN_PER_DAY --interval-s $INTERVAL_S --seed $SEED
          --target-share $TARGET_SHARE (the batch's detection.threshold.target_share; docs/detection.md)
The work directory must be empty or an earlier demo's (which is then replaced).
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --work-dir) WORK="$2"; shift 2 ;;
    --ips) IPS="$2"; shift 2 ;;
    --history-days) HISTORY_DAYS="$2"; shift 2 ;;
    --window) WINDOW_FROM="${2%-*}"; WINDOW_TO="${2#*-}"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --incidents-per-day) INCIDENTS_PER_DAY="$2"; shift 2 ;;
    --benign-per-day) BENIGN_PER_DAY="$2"; shift 2 ;;
    --interval-s) INTERVAL_S="$2"; shift 2 ;;
    --target-share) TARGET_SHARE="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "andiag demo: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in IPS HISTORY_DAYS SEED INCIDENTS_PER_DAY BENIGN_PER_DAY INTERVAL_S; do
  [[ "${!n}" =~ ^[0-9]+$ ]] || { echo "andiag demo: ${n,,} must be a whole number, got '${!n}'" >&2; exit 2; }
done
[[ "$TARGET_SHARE" =~ ^0?\.[0-9]+$ ]] || { echo "andiag demo: --target-share must be a share in [0, 1), got '$TARGET_SHARE'" >&2; exit 2; }
[[ "$WINDOW_FROM" =~ ^[0-2][0-9]:[0-5][0-9]$ && "$WINDOW_TO" =~ ^[0-2][0-9]:[0-5][0-9]$ ]] \
  || { echo "andiag demo: --window must be HH:MM-HH:MM, got '$WINDOW_FROM-$WINDOW_TO'" >&2; exit 2; }
(( HISTORY_DAYS >= 2 )) || { echo "andiag demo: --history-days must be at least 2, got $HISTORY_DAYS" >&2; exit 2; }

if [[ -d "$WORK" && -n "$(ls -A "$WORK")" && ! -f "$WORK/.andiag-demo" ]]; then
  echo "andiag demo: $WORK is not empty and not an earlier demo's work directory; choose another --work-dir" >&2
  exit 2
fi
rm -rf "$WORK"
mkdir -p "$WORK/logs"
touch "$WORK/.andiag-demo"
WORK="$(cd "$WORK" && pwd)"
LAKE="$WORK/lake"
LOGS="$WORK/logs"

# The live day is yesterday (UTC): event times must lie in the past (the codecs refuse ts > now + 15 min).
LIVE="$(date -u -d 'yesterday' +%F)"
START="$(date -u -d "$LIVE - $HISTORY_DAYS days" +%F)"
LAST_HISTORY="$(date -u -d "$LIVE - 1 day" +%F)"

# ---- process bookkeeping and cleanup -------------------------------------------------------------------------------
T0=$SECONDS
PIDS=()          # background processes, in start order; stopped in reverse order
NAMES=()

say() { printf '\n[%4ds] == %s\n' "$((SECONDS - T0))" "$*"; }
note() { printf '         %s\n' "$*"; }

stop_pid() {   # stop_pid PID NAME: SIGTERM, then SIGKILL after 20 s
  local pid="$1" name="$2" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.2
  done
  echo "andiag demo: $name ($pid) did not stop in 20 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    stop_pid "${PIDS[$i]}" "${NAMES[$i]}"
  done
  if (( rc != 0 )); then
    echo "andiag demo: FAILED (exit $rc) after $((SECONDS - T0)) s; logs in $LOGS" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "andiag demo: line $LINENO failed: $BASH_COMMAND" >&2' ERR
trap 'echo; echo "andiag demo: interrupted" >&2; exit 130' INT
trap 'echo "andiag demo: terminated" >&2; exit 143' TERM

start_bg() {   # start_bg NAME LOGFILE CMD...: a long-running process, remembered for cleanup
  local name="$1" log="$2"; shift 2
  "$@" >"$log" 2>&1 &
  PIDS+=("$!"); NAMES+=("$name")
}

fail() { echo "andiag demo: $*" >&2; exit 1; }

# run_step NAME LOGFILE CMD...: runs CMD with its output in LOGFILE, printing the newest line every 5 s; fails the
# demo with the log's tail when CMD fails.
run_step() {
  local name="$1" log="$2" pid last=0 line shown=""; shift 2
  "$@" >"$log" 2>&1 &
  pid=$!
  PIDS+=("$pid"); NAMES+=("$name")
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    line="$(grep -v -e '^\s*$' -e ' WARN ' -e 'settings = ' "$log" 2>/dev/null | tail -n 1 | cut -c1-150 || true)"
    if [[ "$line" != "$shown" ]] || (( SECONDS - last >= 15 )); then
      [[ "$line" == "$shown" ]] && line="(still running)"
      printf '  %-8s %4ds  %s\n' "$name" "$((SECONDS - T0))" "$line"
      last=$SECONDS; [[ "$line" != "(still running)" ]] && shown="$line"
    fi
  done
  if ! wait "$pid"; then
    echo "---- last lines of $log ----" >&2
    tail -n 30 "$log" >&2
    fail "$name failed (log: $log)"
  fi
  unset 'PIDS[-1]' 'NAMES[-1]'
}

free_port() {   # a port nothing listens on, from a range unlikely to be used
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  fail "no free port found"
}

http_get() {   # http_get PORT PATH: the body, or nothing when the server does not answer (bash /dev/tcp, no curl needed)
  local port="$1" path="$2"
  { exec 3<>"/dev/tcp/127.0.0.1/$port" \
      && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3 \
      && sed '1,/^\r\{0,1\}$/d' <&3; exec 3<&-; } 2>/dev/null || true
}

metric() {   # metric BODY NAME: the sum of a Prometheus metric's samples (0 when absent)
  awk -v n="$2" '$1 == n || index($1, n "{") == 1 { s += $NF } END { printf "%d", s }' <<<"$1"
}

# ---- 0. build -----------------------------------------------------------------------------------------------------
say "0/7 build the jars (through the Maven wrapper; the first run downloads dependencies)"
"$ANDIAG" build datasets offline-batch speed-layer analysis
export ANDIAG_NO_BUILD=1
T_BUILD=$SECONDS

# ---- 1. simulate --------------------------------------------------------------------------------------------------
say "1/7 simulate region-a: $IPS IPs, history $START .. $LAST_HISTORY, live day $LIVE (counters every $INTERVAL_S s)"
run_step simulate "$LOGS/simulate.log" "$ANDIAG" simulate --ips "$IPS" --days "$((HISTORY_DAYS + 1))" --start "$START" \
  --seed "$SEED" --interval-s "$INTERVAL_S" --incidents-per-day "$INCIDENTS_PER_DAY" --benign-per-day "$BENIGN_PER_DAY" \
  --out "$LAKE"
note "$(grep -v '^\s*$' "$LOGS/simulate.log" | tail -n 1 | cut -c1-200 || true)"

# ---- 2. nightly batch ---------------------------------------------------------------------------------------------
say "2/7 nightly batch (Spark local) on the $HISTORY_DAYS history days: profile, noise, detector, router, publish"
# 0.2 % instead of the default 0.5 %: a region of this size must keep its calibrated background under the L0 bar
# (0.1 % of monitored IPs) or quiet minutes alert; docs/detection.md, "Choosing target_share", has the measured runs.
run_step batch "$LOGS/batch.log" "$ANDIAG" batch --lake "$LAKE" --date "$LAST_HISTORY" --history-days "$HISTORY_DAYS" \
  --conf detection.threshold.target_share="$TARGET_SHARE"
note "published parameter set $(cat "$LAKE/params/LATEST")"

# ---- 3. broker and replay -----------------------------------------------------------------------------------------
say "3/7 start a Kafka broker (KRaft) and replay $LIVE $WINDOW_FROM–$WINDOW_TO UTC into and.retx.counters / and.retx.details at full speed"
start_bg broker "$LOGS/broker.log" "$ANDIAG" broker --port 0 --data-dir "$WORK/kafka"
BROKER_PID="${PIDS[-1]}"
BOOTSTRAP=""
for _ in $(seq 1 120); do
  BOOTSTRAP="$(grep -m1 -oE '^127\.0\.0\.1:[0-9]+$' "$LOGS/broker.log" || true)"
  [[ -n "$BOOTSTRAP" ]] && break
  kill -0 "$BROKER_PID" 2>/dev/null || { tail -n 20 "$LOGS/broker.log" >&2; fail "the broker exited"; }
  sleep 0.5
done
[[ -n "$BOOTSTRAP" ]] || fail "the broker did not come up in 60 s (log: $LOGS/broker.log)"
note "broker at $BOOTSTRAP"

# The window goes into Kafka before the speed layer starts, so the speed layer reads it as a backlog, which Kafka
# Streams takes in event-time order: every minute is scored with its details and a run repeats the one before. Read
# while a full-speed replay writes, a task can catch up with one input and go on with the other, scoring minutes
# before their details arrive (docs/speed-layer.md, "Replaying a recorded day").
run_step replay "$LOGS/replay.log" "$ANDIAG" replay --bootstrap "$BOOTSTRAP" --from "$LAKE" --date "$LIVE" \
  --from-time "$WINDOW_FROM" --to-time "$WINDOW_TO"
REPLAYED="$(grep -m1 '^replayed' "$LOGS/replay.log" || true)"
note "$REPLAYED"

# ---- 4. speed layer, archive, alert printer -----------------------------------------------------------------------
say "4/7 start the speed layer, the lake archive and the alert printer on the replayed window"
METRICS_PORT="$(free_port)"
start_bg speed "$LOGS/speed.log" "$ANDIAG" speed --bootstrap "$BOOTSTRAP" --lake "$LAKE" --state-dir "$WORK/speed-state" \
  --metrics-port "$METRICS_PORT"
SPEED_PID="${PIDS[-1]}"
for i in $(seq 1 240); do
  [[ "$(http_get "$METRICS_PORT" /health)" == *'"RUNNING"'* ]] && break
  kill -0 "$SPEED_PID" 2>/dev/null || { tail -n 20 "$LOGS/speed.log" >&2; fail "the speed layer exited"; }
  (( i == 240 )) && fail "the speed layer was not RUNNING after 120 s (log: $LOGS/speed.log)"
  sleep 0.5
done
note "speed layer RUNNING (metrics on http://127.0.0.1:$METRICS_PORT/metrics)"

start_bg archive "$LOGS/archive.log" "$ANDIAG" archive --bootstrap "$BOOTSTRAP" --lake "$LAKE" --roll-interval PT10S
ARCHIVE_PID="${PIDS[-1]}"
# the alert printer writes to the terminal and to alerts.log
"$ANDIAG" alerts --bootstrap "$BOOTSTRAP" --from-beginning 2>"$LOGS/alerts.err" > >(tee "$WORK/alerts.log" | sed 's/^/  ALERT /') &
PIDS+=("$!"); NAMES+=("alerts")
ALERTS_PID="${PIDS[-1]}"

# ---- 5. let the speed layer finish --------------------------------------------------------------------------------
say "5/7 wait for the speed layer to consume and close every minute"
deadline=$((SECONDS + DRAIN_TIMEOUT_S)); stable=0; prev=""
while :; do
  kill -0 "$SPEED_PID" 2>/dev/null || { tail -n 20 "$LOGS/speed.log" >&2; fail "the speed layer exited"; }
  body="$(http_get "$METRICS_PORT" /metrics)"
  lag="$(metric "$body" and_consumer_lag_records)"
  counters="$(metric "$body" and_counters_in_total)"
  closed="$(metric "$body" and_ip_minutes_closed_total)"
  abnormal="$(metric "$body" and_abnormal_out_total)"
  printf '  speed    %4ds  %s counters in, lag %s, %s IP-minutes closed, %s abnormal series-minutes\n' \
    "$((SECONDS - T0))" "$counters" "$lag" "$closed" "$abnormal"
  now="$counters/$closed/$abnormal"
  if [[ "$lag" == 0 && "$now" == "$prev" && "$counters" != 0 ]]; then stable=$((stable + 1)); else stable=0; fi
  prev="$now"
  (( stable >= 3 )) && break
  (( SECONDS < deadline )) || fail "the speed layer did not finish in $DRAIN_TIMEOUT_S s"
  sleep 2
done

# ---- 6. stop the stream, archive what it wrote ---------------------------------------------------------------------
say "6/7 stop the speed layer, archive the rest of its output, stop the broker"
stop_pid "$SPEED_PID" speed
stop_pid "$ARCHIVE_PID" archive   # on SIGTERM the archive first reads up to the end of the topics
grep -h '^archived' "$LOGS/archive.log" | sed 's/^/         /' || true
stop_pid "$ALERTS_PID" alerts
stop_pid "$BROKER_PID" broker
PIDS=(); NAMES=()
note "$(grep -c . "$WORK/alerts.log" || true) alert lines in $WORK/alerts.log"

# ---- 7. scorecard -------------------------------------------------------------------------------------------------
say "7/7 scorecard of $LIVE against the ground truth"
"$ANDIAG" evaluate --lake "$LAKE" --date "$LIVE" --out "$WORK"

cat <<EXPLORE

== done in $((SECONDS - T0)) s ($((SECONDS - T_BUILD)) s after the build). Everything stopped; the lake stays on disk:
   $LAKE
     retx_counters/ retx_details/ ip_attributes/ labels/ series_truth/   what the simulator wrote (ground truth in labels/)
     params/LATEST  params/<version>/                                    the parameter set the nightly batch published
     abnormal/ incidents/ monitored/                                     what the speed layer found (archived from Kafka)
   $WORK/scorecard.md, scorecard.json, alerts.log, logs/

Explore it with SQL (DuckDB inside bin/andiag sql; every table is a view, the parameter set is params_*; no
query opens a prompt), or with pyarrow / Spark (docs/lake.md):
   bin/andiag sql --lake $LAKE "SELECT incident_id, status, epoch_ms(minute) AS minute, severity, team, scope
                                FROM incidents ORDER BY minute LIMIT 20"
   bin/andiag sql --lake $LAKE "SELECT incident_id, team, cause, severity, epoch_ms(start_ts) AS start
                                FROM labels WHERE dt = DATE '$LIVE' ORDER BY start_ts"
Score it again: bin/andiag evaluate --lake $LAKE --date $LIVE
EXPLORE
