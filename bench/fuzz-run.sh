#!/usr/bin/env bash
# bench/fuzz-run.sh BINARY SECONDS [TARGET...]: runs each libFuzzer harness of BINARY for SECONDS,
# starting from Fuzz/corpus/TARGET (read only: new inputs go to a temporary folder), and prints one
# line per target: executions, corpus size, crashes. Crash inputs are kept in .build/fuzz/crashes/.
# Exits 1 if any target crashed. Shared by bench/fuzz.sh and bench/fuzz-ci.sh.
set -uo pipefail
cd "$(dirname "$0")/.."
binary="$1"
seconds="$2"
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=($(ls Fuzz/corpus))
crashes_dir=.build/fuzz/crashes
mkdir -p "$crashes_dir"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
total_crashes=0
printf '%-16s %12s %8s %8s\n' target executions corpus crashes
for target in "${targets[@]}"; do
    mkdir -p "$scratch/$target" "$crashes_dir/$target"
    log="$scratch/$target.log"
    QUORUM_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 "$binary" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$crashes_dir/$target/" "$scratch/$target" "Fuzz/corpus/$target" >"$log" 2>&1
    status=$?
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$executions" ] || executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    corpus=$(( $(ls "$scratch/$target" | wc -l) + $(ls "Fuzz/corpus/$target" | wc -l) ))
    found=0
    if [ $status -ne 0 ]; then
        found=1
        total_crashes=$((total_crashes + 1))
        cp "$log" "$crashes_dir/$target/last.log"
    fi
    printf '%-16s %12s %8s %8s\n' "$target" "${executions:-0}" "$corpus" "$found"
    if [ $found -ne 0 ]; then
        grep -E "Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY" "$log" | head -3 | sed 's/^/    /'
        ls -t "$crashes_dir/$target" | grep -E '^(crash|timeout|oom|leak)-' | head -1 | sed "s|^|    input: $crashes_dir/$target/|"
    fi
done
[ $total_crashes -eq 0 ]
