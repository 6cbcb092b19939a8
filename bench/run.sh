#!/usr/bin/env bash
# Read benchmarks: the real app vs a bare axum handler returning the same bytes, on SQLite and
# PostgreSQL, in one run. Needs wrk (apt-get install wrk) and PostgreSQL on 127.0.0.1:5432.
# Usage: bench/run.sh [DURATION_SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
connections="${2:-32}"
cargo build --release -q -p quartier --example bench_server
server=${CARGO_TARGET_DIR:-target}/release/examples/bench_server
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

pgdb="quartier_bench_$$"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $pgdb" >/dev/null
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null' EXIT

run() { # backend url app_port bare_port
  local backend=$1 url=$2 app=$3 bare=$4
  "$server" "$url" "$app" "$bare" >"$work/$backend.out" 2>"$work/$backend.err" &
  for _ in $(seq 1 600); do grep -q ready "$work/$backend.out" 2>/dev/null && break; sleep 0.1; done
  grep -q ready "$work/$backend.out" || { cat "$work/$backend.err"; exit 1; }
  local body meetings
  body=$(awk '/^body /{print $2}' "$work/$backend.out")
  meetings=$(awk '/^meetings /{print $2}' "$work/$backend.out")
  for target in "body $body" "meetings $meetings"; do
    set -- $target
    for side in "quartier $app" "bare-axum $bare"; do
      set -- $target $side
      local result
      result=$(wrk -t1 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$4$2")
      local rps p50 p99
      rps=$(awk '/Requests\/sec/{print $2}' <<<"$result")
      p50=$(awk '$1=="50%"{print $2}' <<<"$result")
      p99=$(awk '$1=="99%"{print $2}' <<<"$result")
      printf '| %-8s | %-8s | %-9s | %10s | %8s | %8s |\n' "$backend" "$1" "$3" "$rps" "$p50" "$p99"
    done
  done
}

echo "| backend  | request  | server    | requests/s |      p50 |      p99 |"
echo "|----------|----------|-----------|-----------:|---------:|---------:|"
run sqlite "sqlite://$work/bench.db" 18181 18182
run postgres "postgres://postgres@127.0.0.1:5432/$pgdb" 18183 18184
