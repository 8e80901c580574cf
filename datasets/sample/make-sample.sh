#!/usr/bin/env bash
# Rebuilds datasets/sample/lake: a small simulated region (300 IPs) with the parameter set the real nightly
# batch publishes for it. The speed layer's end-to-end tests replay the region's fourth day against this set.
# Run from anywhere; takes about two minutes. Commit the result with a message saying why it changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/datasets/sample/lake"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Keep in step with io.andiag.speed.it.SampleRegion (speed-layer tests).
IPS=300; SEED=11; START=2026-11-16; HISTORY_END=2026-11-18

"$ROOT/bin/andiag" simulate --ips "$IPS" --days 4 --start "$START" --seed "$SEED" --out "$WORK/lake"
"$ROOT/bin/andiag" batch --lake "$WORK/lake" --date "$HISTORY_END"

rm -rf "$OUT"
mkdir -p "$OUT/params"
version="$(cat "$WORK/lake/params/LATEST")"
cp -r "$WORK/lake/params/$version" "$OUT/params/$version"
cp "$WORK/lake/params/LATEST" "$OUT/params/LATEST"
mkdir -p "$OUT/ip_attributes"
cp -r "$WORK/lake/ip_attributes/dt=$HISTORY_END" "$OUT/ip_attributes/"
find "$OUT" -name '.*.crc' -delete
du -sh "$OUT"
echo "sample parameter set $version written to $OUT"
