#!/bin/sh
# The build-speed benchmark: ecotown against Hugo at 1x, 10x and 100x the sample.
# Writes the table into BENCHMARKS.md (between its markers) and prints it.
# Needs Hugo (Debian: apt-get install hugo) and GNU time (apt-get install time).
# Extra arguments go to `ecotown-bench run` (see --help), e.g. --scales 1,10 --repeat 1.
set -eu
cd "$(dirname "$0")/../.."
cargo build --release --bin ecotown --bin ecotown-bench
target_dir=${CARGO_TARGET_DIR:-target}
exec "$target_dir/release/ecotown-bench" run "$@"
