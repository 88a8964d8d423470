#!/usr/bin/env bash
# Makes docs/cohort.png, the README's picture of `skillgap cohort --format html`: a simulated
# cohort of 12 people, rendered by headless Chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin skillgap --example sample_cohort
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/examples/sample_cohort "$work/results" 12 1 --names
./target/release/skillgap cohort "$work/results" --format html -o "$work/cohort.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$work/chromium" --window-size=1100,2560 \
    --screenshot="$PWD/docs/cohort.png" "file://$work/cohort.html" 2>/dev/null
echo "wrote docs/cohort.png"
