#!/usr/bin/env bash
# Whole-process timings of the release binary with hyperfine (apt-get install hyperfine):
# the floor (`--version`), a scored assessment (the built-in pack from its pre-parsed form),
# and `rubrics validate` (the built-in pack from its YAML, with every check and position).
# The in-process costs are in benches/engine.rs (cargo bench --bench engine).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
hyperfine -N --warmup 20 --runs 300 \
    './target/release/skillgap --version' \
    './target/release/skillgap assess --no-save --answers examples/answers/pm-from-banking.yaml --format json' \
    './target/release/skillgap assess --no-save --answers examples/answers/pm-from-banking.yaml' \
    './target/release/skillgap rubrics validate'
