#!/usr/bin/env bash
# Soak: MINUTES of mixed load on one release server (SQLite, the demo with Aachen's plugin):
# public concern submissions and anonymous reads of the meetings list at once, with the
# server's resident memory (VmRSS) sampled every 10 s. Reports whether memory stays flat:
# the last minute's mean within 10 % of the second minute's (the first is warm-up).
# Code: host/examples/bench_submit_server.rs. Usage: bench/soak.sh [MINUTES] (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
command -v wrk >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }

cargo build --release -q -p quartier --example bench_submit_server
server=${CARGO_TARGET_DIR:-target}/release/examples/bench_submit_server
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
app=18391
"$server" "sqlite://$work/soak.db" "$app" 18392 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 600); do grep -q ready "$work/out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/out" || { cat "$work/err"; exit 1; }
SUBMIT_BODY=$(sed -n 's/^body //p' "$work/out")
export SUBMIT_BODY
path=$(awk '/^path /{print $2}' "$work/out")
seconds=$((minutes * 60))

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
echo "load:    ${minutes} min; wrk 4 connections submitting, wrk 4 connections reading meetings"
wrk -t1 -c4 -d"${seconds}s" -s bench/submit.lua "http://127.0.0.1:$app$path" >"$work/submit" &
wrk -t1 -c4 -d"${seconds}s" "http://127.0.0.1:$app/api/v1/municipalities/aachen/meetings?limit=50" >"$work/read" &
echo
echo "| second | VmRSS (MiB) |"
echo "|-------:|------------:|"
samples=()
for t in $(seq 10 10 "$seconds"); do
  sleep 10
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  samples+=("$rss")
  printf '| %6s | %11.1f |\n' "$t" "$(echo "$rss / 1024" | bc -l)"
done
wait %2 %3 2>/dev/null || true
echo
echo "submissions: $(awk '/Requests\/sec/{print $2}' "$work/submit") req/s, non-2xx $(awk '/Non-2xx/{print $NF}' "$work/submit" | grep . || echo 0)"
echo "reads:       $(awk '/Requests\/sec/{print $2}' "$work/read") req/s, non-2xx $(awk '/Non-2xx/{print $NF}' "$work/read" | grep . || echo 0)"
printf '%s\n' "${samples[@]}" | awk '
  { v[NR] = $1 }
  END {
    n = NR; if (n < 12) { print "too short to judge (needs 2 minutes)"; exit }
    for (i = 7; i <= 12; i++) second += v[i]; second /= 6
    for (i = n - 5; i <= n; i++) last += v[i]; last /= 6
    change = (last - second) / second * 100
    printf "memory: second minute %.1f MiB, last minute %.1f MiB (%+.1f %%): %s\n",
      second / 1024, last / 1024, change, (change < 10 && change > -10) ? "flat" : "NOT flat"
  }'
