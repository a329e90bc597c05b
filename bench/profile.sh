#!/usr/bin/env bash
# CPU time per request of `quorum serve` as a passthrough gateway: the on-CPU nanoseconds of all its
# threads (/proc/PID/task/*/schedstat) over COUNT requests sent one after another on one keep-alive
# connection, after a warm-up. Unlike throughput and latency (bench/serve.sh) this moves little
# with the machine's load. (callgrind would count instructions, but valgrind 3.19 cannot run the
# Swift 6.3 binary.)
# Usage: QUORUM_BIN=<quorum> bench/profile.sh [COUNT, default 3000] [json|sse, default json]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-3000} KIND=${2:-json} WARMUP=${WARMUP:-500}
PORT_JSON=${PORT_JSON:-18911} PORT_SSE=${PORT_SSE:-18912} PORT_QUORUM=${PORT_QUORUM:-18910}

source bench/serve-setup.sh

stub_for "$KIND"
python3 bench/serve-client.py "$PORT_QUORUM" "$model" "$stream" "$WARMUP"
cpu_ns() { cat /proc/"$quorum_pid"/task/*/schedstat | awk '{s += $1} END {printf "%d", s}'; }
before=$(cpu_ns)
start=$(date +%s%N)
python3 bench/serve-client.py "$PORT_QUORUM" "$model" "$stream" "$COUNT"
elapsed=$(( $(date +%s%N) - start ))
used=$(( $(cpu_ns) - before ))
echo "$KIND: $COUNT requests, quorum CPU $(( used / COUNT / 1000 )) us/request," \
    "wall $(( elapsed / COUNT / 1000 )) us/request, RSS $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$quorum_pid/status)," \
    "threads $(ls /proc/$quorum_pid/task | wc -l), load $(cut -d' ' -f1 /proc/loadavg)"
