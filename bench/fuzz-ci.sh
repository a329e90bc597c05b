#!/usr/bin/env bash
# bench/fuzz-ci.sh [SECONDS]: CI's fuzzing, after `swift build --build-tests`: links the harnesses in
# Fuzz/ against that build (about half a minute on 2 cores) and runs each target for SECONDS
# (default 5) from its corpus in Fuzz/corpus. Prints executions and crashes per target; exits 1
# if any target crashed (the input is kept under .build/fuzz/crashes/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(bench/fuzz-build.sh)
bench/fuzz-run.sh "$binary" "${1:-5}"
