#!/usr/bin/env bash
# Time from `quartier demo` starting to `/readyz` answering 200: the demo seeds its database,
# installs and activates Aachen's embedded plugin (a compile on the first start, the compiled
# artifact from the cache after), then serves. Run on the build the README's demo command
# makes (debug); prints one line per start: the first with an empty cache, then warm ones.
# Usage: bench/demo_start.sh [STARTS]   (default 3; QUARTIER_BINARY=path times that binary
#        instead of building one, e.g. the debug build a CI run left in its cache)
set -euo pipefail
cd "$(dirname "$0")/.."
starts="${1:-3}"
binary=${QUARTIER_BINARY:-}
if [ -z "$binary" ]; then
  cargo build -q -p quartier
  binary=${CARGO_TARGET_DIR:-target}/debug/quartier
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=18193
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for start in $(seq 1 "$starts"); do
  begin=$(date +%s.%N)
  "$binary" demo --listen "127.0.0.1:$port" --path "$work/demo.db" >"$work/out" 2>"$work/err" &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/err"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s.%N)
  plugin=$(grep -m1 'Regel-Plugin' "$work/out" || echo "no plugin line")
  printf 'start %d: %.2f s to ready (%s)\n' "$start" "$(echo "$end - $begin" | bc)" "$plugin"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
