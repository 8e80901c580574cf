#!/usr/bin/env bash
# Trains the bootstrap router bundled in offline-batch (used by `andiag batch train-router` when the history has no
# labels), then evaluates it on a region it never saw. docs/routing.md, "Bootstrap router", records the numbers.
#
#   offline-batch/scripts/train-bootstrap-router.sh [WORK_DIR]        (default WORK_DIR: /tmp/andiag-bootstrap)
#
# 1. simulates the training regions: different sizes, seeds, region names and pattern mixes,
# 2. runs profile, noise, train-detector and train-router on each (train-router writes the labelled region-minutes
#    to _candidates/<serve-date>/_work/router_candidates and prints that region's own held-out numbers),
# 3. `andiag batch train-bootstrap-router` pools them into one router, written to the resource directory,
# 4. rebuilds the jar (so train-router carries the new bootstrap router), simulates an unseen region (another size,
#    seed and name) and runs the steps there: train-router prints the in-region router's held-out per-team
#    precision/recall next to the bootstrap router's on the same minutes, and the bootstrap router's numbers on every
#    labelled minute of that region.
# Environment: REGIONS ("ips:seed:mix ..."; mix as `andiag simulate --mix`, "paper" = its default),
# UNSEEN ("ips:seed:mix"), DAYS (simulated days = history days), INCIDENTS_PER_DAY, OUT (where the router goes), MASTER,
# BOOTSTRAP_OPTS (extra train-bootstrap-router options, e.g. "--router-max-iter 10"),
# FORCE=1 (re-run the steps on a lake where train-router already ran; by default such a lake is reused).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-/tmp/andiag-bootstrap}"
REGIONS="${REGIONS:-600:11:paper 1000:12:stable=0.6,seasonal=0.3,unstable=0.1 1500:13:stable=0.3,seasonal=0.55,unstable=0.15}"
UNSEEN="${UNSEEN:-1200:99:paper}"
DAYS="${DAYS:-2}"
INCIDENTS_PER_DAY="${INCIDENTS_PER_DAY:-24}"
OUT="${OUT:-$ROOT/offline-batch/src/main/resources/io/andiag/batch/router/bootstrap}"
START=2026-11-01
DATE="$(date -u -d "$START + $((DAYS - 1)) days" +%F)"    # last history day
MASTER="${MASTER:-local[2]}"
ANDIAG="$ROOT/bin/andiag"

region() {               # region IPS SEED MIX NAME -> lake directory, with every step but publish run on it
  local ips="$1" seed="$2" mix="$3" name="$4" lake="$WORK/$4-r$1-s$2"
  local mixopt=()
  [[ "$mix" == "paper" ]] || mixopt=(--mix "$mix")
  if [[ ! -f "$lake/_simulation.json" ]]; then
    "$ANDIAG" simulate --ips "$ips" --days "$DAYS" --start "$START" --seed "$seed" --region "$name" "${mixopt[@]}" \
      --incidents-per-day "$INCIDENTS_PER_DAY" --out "$lake" >&2
  fi
  local serve
  serve="$(date -u -d "$DATE + 1 day" +%F)"
  if [[ "${FORCE:-0}" != "1" && -f "$lake/params/_candidates/$serve/_work/router_candidates/_SUCCESS" ]]; then
    echo "== $lake: train-router already ran (FORCE=1 re-runs it)" >&2
    echo "$lake"
    return
  fi
  for step in profile noise train-detector train-router; do
    echo "== $step on $lake" >&2
    "$ANDIAG" batch "$step" --lake "$lake" --date "$DATE" --history-days "$DAYS" --master "$MASTER" >&2
  done
  echo "$lake"
}

mkdir -p "$WORK"
FROM=()
n=0
for r in $REGIONS; do
  IFS=: read -r ips seed mix <<< "$r"
  n=$((n + 1))
  lake="$(region "$ips" "$seed" "$mix" "region-$n")"
  FROM+=(--from "$lake:$DATE")
done
# shellcheck disable=SC2086
"$ANDIAG" batch train-bootstrap-router "${FROM[@]}" --history-days "$DAYS" --out "$OUT" --master "$MASTER" ${BOOTSTRAP_OPTS:-}

# The unseen region: train-router picks up the new bootstrap router only from a rebuilt jar.
echo "== unseen region ${UNSEEN}: in-region router vs bootstrap router" >&2
(cd "$ROOT" && ./mvnw -B -q -pl offline-batch -am package -DskipTests) >&2
IFS=: read -r ips seed mix <<< "$UNSEEN"
region "$ips" "$seed" "$mix" "region-unseen" > /dev/null
