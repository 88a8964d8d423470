#!/usr/bin/env bash
# Whole-process timings of the release binary with hyperfine (apt-get install hyperfine).
# The in-process costs are in benches/engine.rs (cargo bench).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
hyperfine -N --warmup 5 \
    './target/release/skillgap rubrics validate' \
    './target/release/skillgap assess --no-save --answers examples/answers/pm-from-banking.yaml --format json' \
    './target/release/skillgap assess --no-save --answers examples/answers/pm-from-banking.yaml'
