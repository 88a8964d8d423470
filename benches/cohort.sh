#!/usr/bin/env bash
# The cohort view at scale: 10,000 result files aggregated by `skillgap cohort`, against
# merely reading them with jq; then peak memory by files and by people.
# Needs hyperfine, jq and GNU time (apt-get install hyperfine jq time).
# The generated cohorts (about 750 MB each) live in target/ and are not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin skillgap --example sample_cohort
gen() { # DIR PEOPLE RESULTS_PER_PERSON
    [ -d "$1" ] || ./target/release/examples/sample_cohort "$1" "$2" "$3"
}
gen target/cohort-10000 10000 1
gen target/cohort-100x100 100 100

hyperfine --warmup 1 --runs 5 \
    './target/release/skillgap cohort target/cohort-10000 --format json > /dev/null' \
    "find target/cohort-10000 -name '*.json' -print0 | xargs -0 jq -c .schema_version > /dev/null"

echo "Peak memory (max RSS):"
for dir in cohort-10000 cohort-100x100; do
    /usr/bin/time -f "  $dir: %M KiB in %e s" \
        ./target/release/skillgap cohort "target/$dir" --format json > /dev/null
done
