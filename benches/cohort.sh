#!/usr/bin/env bash
# The cohort view at scale: 10,000 result files aggregated by `skillgap cohort`, against
# merely reading them with jq; 100,000 with and without the item analysis (`--items`, which
# reads each counted result a second time for its answers); then peak memory by files and by
# people. Needs hyperfine, jq and GNU time (apt-get install hyperfine jq time).
# The generated cohorts (about 750 MB per 10,000 files) live in target/ and are not
# committed; `rm -r target/cohort-*` frees the space.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin skillgap --example sample_cohort
gen() { # DIR PEOPLE RESULTS_PER_PERSON
    [ -d "$1" ] || ./target/release/examples/sample_cohort "$1" "$2" "$3"
}
gen target/cohort-10000 10000 1
gen target/cohort-100x100 100 100
gen target/cohort-100000 100000 1
sg=./target/release/skillgap

hyperfine --warmup 1 --runs 5 \
    "$sg cohort target/cohort-10000 --format json > /dev/null" \
    "find target/cohort-10000 -name '*.json' -print0 | xargs -0 jq -c .schema_version > /dev/null"

hyperfine --warmup 1 --runs 3 \
    "$sg cohort target/cohort-100000 --format json > /dev/null" \
    "$sg cohort target/cohort-100000 --items --format json > /dev/null"

echo "Peak memory (max RSS):"
for dir in cohort-10000 cohort-100x100 cohort-100000; do
    for items in "" --items; do
        /usr/bin/time -f "  $dir ${items:-(plain)}: %M KiB in %e s" \
            $sg cohort "target/$dir" $items --format json > /dev/null
    done
done
