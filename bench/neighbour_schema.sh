#!/usr/bin/env bash
# A neighbour's hostile form schema must cost other municipalities nothing: Aachen's public
# concern form (Aachen's plugin) is loaded alone, then while NEIGHBOURS connections submit to
# the neighbour whose plugin adapts the concern form into a schema exponential to evaluate
# (hostile_exponential_schema), alternately in one run. Prints Aachen's p50/p99 both ways and
# the ratio (bar: p50 within 1.5x). Code: host/examples/bench_neighbour_server.rs.
# Usage: bench/neighbour_schema.sh [DURATION_SECONDS] [CONNECTIONS] [NEIGHBOURS] [ROUNDS]
#        (default 10 8 4 2)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-8}"
neighbours="${3:-4}"
rounds="${4:-2}"
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }

cargo build --release -q -p quartier --example bench_neighbour_server
server=${CARGO_TARGET_DIR:-target}/release/examples/bench_neighbour_server
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=18291
"$server" "sqlite://$work/bench.db" "$port" >"$work/out" 2>"$work/err" &
for _ in $(seq 1 600); do grep -q ready "$work/out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/out" || { cat "$work/err"; exit 1; }
SUBMIT_BODY=$(sed -n 's/^body //p' "$work/out")
export SUBMIT_BODY
base="http://127.0.0.1:$port/api/v1/municipalities"

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
echo "aachen:  wrk -t1 -c$connections -d${duration}s; neighbour: wrk -t1 -c$neighbours on nachbar"
echo
echo "| round | aachen's load          | requests/s |      p50 |      p99 | non-2xx |"
echo "|------:|------------------------|-----------:|---------:|---------:|--------:|"
row() { # round label
  result=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/submit.lua "$base/aachen/public/concerns")
  printf '| %5s | %-22s | %10s | %8s | %8s | %7s |\n' "$1" "$2" \
    "$(awk '/Requests\/sec/{print $2}' <<<"$result")" "$(awk '$1=="50%"{print $2}' <<<"$result")" \
    "$(awk '$1=="99%"{print $2}' <<<"$result")" "$(awk '/Non-2xx/{print $NF}' <<<"$result" | grep . || echo 0)"
}
for round in $(seq 1 "$rounds"); do
  row "$round" "alone"
  wrk -t1 -c"$neighbours" -d"$((duration + 2))s" -s bench/submit.lua "$base/nachbar/public/concerns" >"$work/neighbour" &
  neighbour=$!
  sleep 1
  row "$round" "neighbour submitting"
  wait "$neighbour"
  echo "|       | (neighbour: $(awk '/Requests\/sec/{print $2}' "$work/neighbour") req/s, non-2xx $(awk '/Non-2xx/{print $NF}' "$work/neighbour" | grep . || echo 0)) | | | | |"
done
