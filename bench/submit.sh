#!/usr/bin/env bash
# Public form submission end to end (../shared/DESIGN.md §4): POST a resident's concern to
# /api/v1/municipalities/aachen/public/concerns on SQLite with the Aachen plugin active
# (JSON Schema check + the plugin's validate + routing + commit), next to a bare axum handler
# that takes the same JSON and answers 201 with a same-size body, alternately in one run
# (bare, app, bare, app, …). Afterwards checks that every response was a 2xx (the endpoint's
# only 2xx is 201) and that the database holds one concern per response wrk counted, plus at
# most CONNECTIONS per app row plus wrk's timeouts: the requests still in flight when wrk
# stopped or gave up, which the server completes and commits but wrk no longer counts. Code: host/examples/bench_submit_server.rs, bench/submit.lua.
# Usage: bench/submit.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS] [sqlite|postgres]
#        (default 10 32 2 sqlite; postgres needs PostgreSQL on 127.0.0.1:5432 and psql;
#        SUBMIT_SERVER=path runs that build of the server instead of building one, so two
#        commits can be compared)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"
rounds="${3:-2}"
backend="${4:-sqlite}"

need() { # command package
  command -v "$1" >/dev/null && return
  apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
}
need wrk wrk
need sqlite3 sqlite3

server=${SUBMIT_SERVER:-}
if [ -z "$server" ]; then
  cargo build --release -q -p quartier --example bench_submit_server
  server=${CARGO_TARGET_DIR:-target}/release/examples/bench_submit_server
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

app=18191
bare=18192
case "$backend" in
  sqlite)
    url="sqlite://$work/bench.db"
    count() { sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM concerns"; } ;;
  postgres)
    pgdb="quartier_submit_$$"
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" >/dev/null
    trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null' EXIT
    url="postgres://postgres@127.0.0.1:5432/$pgdb"
    count() { psql -qtA -h 127.0.0.1 -U postgres -d "$pgdb" -c "SELECT COUNT(*) FROM concerns"; } ;;
  *) echo "backend: sqlite or postgres" >&2; exit 2 ;;
esac
"$server" "$url" "$app" "$bare" >"$work/out" 2>"$work/err" &
for _ in $(seq 1 600); do grep -q ready "$work/out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$work/out" || { cat "$work/err"; exit 1; }
path=$(awk '/^path /{print $2}' "$work/out")
stored_before=$(awk '/^stored /{print $2}' "$work/out")
SUBMIT_BODY=$(sed -n 's/^body //p' "$work/out")
export SUBMIT_BODY

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "backend: $backend"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "wrk:     $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), 1 thread, $connections connections, ${duration}s per row"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the run)"
echo "body:    $(printf %s "$SUBMIT_BODY" | wc -c) bytes: $SUBMIT_BODY"
echo
echo "| round | server    | requests/s |      p50 |      p99 | requests | non-2xx | errors | timeouts |"
echo "|------:|-----------|-----------:|---------:|---------:|---------:|--------:|-------:|---------:|"
app_requests=0
bad=0
timeouts=0
declare -A rps_sum=([quartier]=0 [bare-axum]=0)
for round in $(seq 1 "$rounds"); do
  for side in "bare-axum $bare" "quartier $app"; do
    set -- $side
    result=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/submit.lua "http://127.0.0.1:$2$path")
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$result")
    p50=$(awk '$1=="50%"{print $2}' <<<"$result")
    p99=$(awk '$1=="99%"{print $2}' <<<"$result")
    requests=$(awk '/requests in/{print $1}' <<<"$result")
    non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$result")
    non2xx=${non2xx:-0}
    # Connect, read and write errors fail the check; a timeout (no answer within wrk's 2 s)
    # is latency: the server still answers and commits, wrk no longer counts it.
    errors=$(awk '/Socket errors/{gsub(",", ""); print $4+$6+$8}' <<<"$result")
    errors=${errors:-0}
    timeout=$(awk '/Socket errors/{print $NF}' <<<"$result")
    timeout=${timeout:-0}
    printf '| %5s | %-9s | %10s | %8s | %8s | %8s | %7s | %6s | %8s |\n' \
      "$round" "$1" "$rps" "$p50" "$p99" "$requests" "$non2xx" "$errors" "$timeout"
    rps_sum[$1]=$(awk -v a="${rps_sum[$1]}" -v b="$rps" 'BEGIN{print a+b}')
    bad=$((bad + non2xx + errors))
    timeouts=$((timeouts + timeout))
    if [ "$1" = quartier ]; then app_requests=$((app_requests + requests)); fi
  done
done
awk -v b="${rps_sum[bare-axum]}" -v a="${rps_sum[quartier]}" -v n="$rounds" 'BEGIN{
  printf "\nmean requests/s: bare-axum %.0f, quartier %.0f; bare / quartier = %.1f×\n", b/n, a/n, b/a}'

sleep 1 # requests still in flight when wrk stopped finish
stored_after=$(count)
stored=$((stored_after - stored_before))
in_flight=$((stored - app_requests))
echo "stored:  $stored concerns during the app runs; wrk counted $app_requests responses" \
  "(+$in_flight in flight when wrk stopped or timed out), $bad non-2xx or socket errors"
if [ "$bad" -ne 0 ] || [ "$in_flight" -lt 0 ] ||
  [ "$in_flight" -gt $((connections * rounds + timeouts)) ]; then
  echo "MISMATCH: every response should be a 201 with exactly one stored concern" >&2
  exit 1
fi
