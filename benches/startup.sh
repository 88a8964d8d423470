#!/usr/bin/env bash
# Whole-process timings of the release binary with hyperfine (apt-get install hyperfine):
# the floor (`--version`); a scored assessment (the built-in pack as build.rs wrote it in
# Rust), without saving and saved as a person's run is (into a fresh data folder, with its
# fsync); the gap report; and `rubrics validate` (the built-in pack from its YAML, with every
# check and position). The in-process costs are in benches/engine.rs (cargo bench --bench engine).
# For the ratio of a scored run to --version, benches/turns.py runs the two in turns.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
answers=examples/answers/pm-from-banking.yaml
hyperfine -N --warmup 50 --runs 1000 \
    './target/release/skillgap --version' \
    "./target/release/skillgap assess --no-save --answers $answers --format json"
SKILLGAP_DATA_DIR="$data" hyperfine -N --warmup 20 --runs 300 \
    "./target/release/skillgap assess --answers $answers --format json" \
    "./target/release/skillgap assess --no-save --answers $answers" \
    './target/release/skillgap rubrics validate'
