#!/usr/bin/env bash
# Compiles Fuzz/*.swift into one libFuzzer binary (.build/fuzz/quorum-fuzz) against the modules of
# a SwiftPM debug build: `swift build` must have run first. Used by bench/fuzz.sh and bench/fuzz-ci.sh.
#
# QUORUM_FUZZ_BUILD (default .build) picks the SwiftPM build folder. With the default, Quorum's own
# code is not coverage-instrumented (only the harnesses are): fine for replaying a corpus in CI.
# bench/fuzz.sh builds an instrumented copy in .build/fuzz-instrumented for real fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${QUORUM_FUZZ_BUILD:-.build}"
manifest="$build/debug.yaml"
[ -f "$manifest" ] || { echo "fuzz-build: $manifest not found: run swift build first" >&2; exit 1; }
out="${QUORUM_FUZZ_OUT:-.build/fuzz}"
mkdir -p "$out"
binary="$out/quorum-fuzz"
# Relink only when a harness or an object of the build is newer than the binary.
objects_dir="$build/$(uname -m)-unknown-linux-gnu/debug"  # `$build/debug` is only linked after a build that fully succeeded
if [ -x "$binary" ] && [ -z "$(find Fuzz "$objects_dir" -newer "$binary" \( -name '*.swift' -o -name '*.o' \) -print -quit)" ]; then
    echo "$binary"
    exit 0
fi
mapfile -t compile < <(python3 bench/fuzz-flags.py "$manifest" compile)
mapfile -t libraries < <(python3 bench/fuzz-flags.py "$manifest" libraries)
python3 bench/fuzz-flags.py "$manifest" objects > "$out/objects.list"
swiftc -sanitize=fuzzer,address -parse-as-library -g -Onone -module-name QuorumFuzz \
    "${compile[@]}" Fuzz/*.swift "@$out/objects.list" "${libraries[@]}" -o "$binary" \
    2> >(grep -v "Cannot export local symbol '__asan" >&2)
echo "$binary"
