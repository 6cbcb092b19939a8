#!/usr/bin/env bash
# Plugin benchmarks (../shared/DESIGN.md §4 "Plugin call", "Hostile plugins"), all in one run so the
# figures compare side by side: instantiation; the 2 KB fund application through the sample
# plugin next to the same rule compiled natively; calls/s per core at 1 KB and 7 KB; compile
# on upload and load from the artifact cache; a neighbour's endless loop. Code:
# bench/plugins/src/main.rs (a crate outside the workspace, so `cargo test` never builds it).
# Usage: bench/plugins.sh [ITERATIONS]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/machine.sh
cargo run --release -q --manifest-path bench/plugins/Cargo.toml \
  --target-dir "${CARGO_TARGET_DIR:-target}/bench-plugins" -- "$@"
