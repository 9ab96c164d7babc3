#!/usr/bin/env bash
# Cold start of `pacta ask` on the built-in graph: process start, loading the whole embedded
# dataset into a fresh in-memory store, running the question and printing the table.
#
# Usage: benches/cold-start.sh            (needs hyperfine: apt-get install hyperfine)
# Figures go in docs/benchmarks.md with the date and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed: apt-get install hyperfine" >&2; exit 1; }
cargo build --release --quiet
target="${CARGO_TARGET_DIR:-target}"
pacta="$target/release/pacta"
hyperfine --shell=none --warmup 5 --min-runs 50 \
    "$pacta ask csto-members" \
    "$pacta ask intra-alliance-conflicts" \
    "$pacta stats" \
    "$pacta query 'ASK { id:RUS a pacta:State }'"
