#!/usr/bin/env bash
# bench/fuzz.sh SECONDS [TARGET...]: fuzzes every harness in Fuzz/ (or the TARGETs named) for
# SECONDS each and prints executions, corpus size and crashes per target.
#
# Quorum's modules are first built again with coverage and AddressSanitizer in
# .build/fuzz-instrumented (the first time takes as long as a clean build; later ones are
# incremental), so libFuzzer sees which branches of the parsers an input reaches. If that build
# fails, the harnesses are linked against the plain debug build instead (fuzzing is then blind
# inside Quorum's code, as in CI). Targets and their seeds: Fuzz/corpus/TARGET; new inputs are not
# written back (to add one, copy it there). Crash inputs: .build/fuzz/crashes/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:?usage: bench/fuzz.sh SECONDS [TARGET...]}"
shift
instrumented=.build/fuzz-instrumented
echo "building Quorum with coverage and AddressSanitizer in $instrumented…" >&2
swift build --build-path "$instrumented" --product quorum -Xswiftc -sanitize=fuzzer,address >"$instrumented.log" 2>&1 || true
# Linking the `quorum` executable itself fails (libFuzzer brings its own `main`, and gold trips on
# the result); only its modules are needed, so only other errors count.
if ! grep "error:" "$instrumented.log" | grep -vq "link command failed\|linker command failed\|ld.gold: internal error"; then
    binary=$(QUORUM_FUZZ_BUILD="$instrumented" QUORUM_FUZZ_OUT="$instrumented/fuzz" bench/fuzz-build.sh)
else
    echo "the instrumented build failed (see $instrumented.log); fuzzing against the plain debug build" >&2
    swift build --build-tests >/dev/null
    binary=$(bench/fuzz-build.sh)
fi
bench/fuzz-run.sh "$binary" "$seconds" "$@"
