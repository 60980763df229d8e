#!/usr/bin/env bash
# Long fuzzing run of catalog import (CSV, JSON, JSON Lines) and of the question flow's answers.
#
# The same tests run in CI with a bounded count (300 import cases per format, 200 flow sessions,
# fixed seed). This runs them long, with a fresh seed unless one is given:
#
#   Benchmarks/fuzz.sh                      # 20000 cases per format / sessions, random seed
#   Benchmarks/fuzz.sh 50000                # more cases
#   Benchmarks/fuzz.sh 20000 0x1234abcd     # replay a run (the seed is printed at the start)
#
# A failure prints the case number, its mutations and the input (base64); rerun with the printed
# seed to reproduce. If the test process crashes, the input it was importing is left in
# $TMPDIR/giftwise-fuzz-last-<format>.bin and shown below.
# Environment: SCRATCH (build folder, default .build-fuzz), FILTER (test filter, default both fuzzers).
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-20000}
seed=${2:-0x$(od -An -N8 -tx8 /dev/urandom | tr -d ' \n')}
scratch=${SCRATCH:-.build-fuzz}
filter=${FILTER:-ImportFuzzTests|AnswerFuzzTests}
echo "fuzz: $iterations iterations, GIFTWISE_FUZZ_SEED=$seed, filter '$filter'"
swift build --build-tests --scratch-path "$scratch" >/dev/null
rm -f "${TMPDIR:-/tmp}"/giftwise-fuzz-last-*.bin
start=$(date +%s)
set +e
GIFTWISE_FUZZ_ITERATIONS=$iterations GIFTWISE_FUZZ_SEED=$seed \
  swift test --skip-build --scratch-path "$scratch" --filter "$filter" 2>&1 | grep --line-buffered -vE '^(◇|↳)'
status=${PIPESTATUS[0]}
set -e
echo "fuzz: finished in $(( $(date +%s) - start )) s with status $status (seed $seed)"
for last in "${TMPDIR:-/tmp}"/giftwise-fuzz-last-*.bin; do
  [ -e "$last" ] || continue
  echo "fuzz: the run stopped while importing $last (base64 below):"
  base64 -w0 "$last"; echo
done
exit "$status"
