#!/usr/bin/env bash
# Federation benchmarks (docs/benchmarks.md, "Federation"), in one run: (a) the centre's
# comparison across 100 sites' bundles of a year and of a half-year, on SQLite and on
# PostgreSQL (QUARTIER_TEST_POSTGRES_URL, as the tests); (b) signature verifications per
# second, the host's verify next to the bare ed25519 verify. Code: bench/federation/src
# (a crate outside the workspace, so `cargo test` never builds it).
# Usage: bench/federation.sh [RUNS [ITERATIONS]]   (default 9 runs, 20000 verifications)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/machine.sh
cargo run --release -q --manifest-path bench/federation/Cargo.toml \
  --target-dir "${CARGO_TARGET_DIR:-target}/bench-federation" -- "$@"
