#!/usr/bin/env bash
# The local runtime's two servers side by side on one model and one machine: llama.cpp's C++
# llama-server (QUORUM_LOCAL_SERVER=llama-server, the default) and llama-cpp-python's Python server
# (QUORUM_LOCAL_SERVER=python). For each: tokens/s at 1 and 4 concurrent requests, time to first
# token, server RSS, and items/s of `quorum run` on quick-qa (single system, concurrency 4).
#
# Usage: bench/local.sh [MODEL] [ITEMS]      (default qwen2.5-coder-0.5b, 20 items)
# Each server must be installed in its own home: QUORUM_HOME (llama-server) and
# QUORUM_PYTHON_HOME (python; default $QUORUM_HOME-py), e.g.
#   QUORUM_HOME=~/.quorum-py QUORUM_LOCAL_SERVER=python quorum local install --models MODEL
# QUORUM_BIN=.build/release/quorum reuses a built binary; THREADS="1 2" (default) the thread counts.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-qwen2.5-coder-0.5b}"
items="${2:-20}"
quorum="${QUORUM_BIN:-.build/debug/quorum}"
cpp_home="${QUORUM_HOME:-$HOME/.quorum}"
python_home="${QUORUM_PYTHON_HOME:-$cpp_home-py}"
work=$(mktemp -d)
now() { python3 -c 'import time; print(time.time())'; }
since() { python3 -c "import sys, time; print(round(time.time() - float(sys.argv[1]), 2))" "$1"; }
trap 'rm -rf "$work"' EXIT

measure() {  # kind home port_base threads
    local kind=$1 home=$2 base=$3
    export QUORUM_HOME="$home" QUORUM_LOCAL_SERVER="$kind" QUORUM_LOCAL_PORT_BASE="$base" QUORUM_LOCAL_THREADS="$4"
    "$quorum" local stop >/dev/null 2>&1 || true
    local started; started=$(now)
    "$quorum" local start --models "$model" >/dev/null
    local startup; startup=$(since "$started")
    local status pid url
    status=$("$quorum" local status --json)
    pid=$(echo "$status" | python3 -c "import json,sys; print([m['pid'] for m in json.load(sys.stdin)['models'] if m['model']=='$model'][0])")
    url=$(echo "$status" | python3 -c "import json,sys; print([m['base_url'] for m in json.load(sys.stdin)['models'] if m['model']=='$model'][0])")
    local server
    server=$(python3 bench/local-server.py "$url" "$model" "$pid")
    cat > "$work/run-$kind.yaml" <<YAML
models:
  - {name: m, provider: local, model: $model, parameters: {temperature: 0, max_tokens: 256}}
systems:
  - {name: single, type: single, model: m}
dataset:
  path: $PWD/datasets/quick-qa.jsonl
  fields: {id: id, prompt: prompt, reference: answer, category: category}
  limit: $items
experiment:
  name: bench-local
  systems: [single]
  scoring: {verifier: auto}
  concurrency: 4
  store: sqlite:$work/$kind.db
YAML
    local run_started; run_started=$(now)
    "$quorum" run "$work/run-$kind.yaml" >/dev/null 2>&1
    local run_seconds; run_seconds=$(since "$run_started")
    "$quorum" local stop >/dev/null
    python3 - "$kind" "$server" "$startup" "$items" "$run_seconds" "$4" <<'PY'
import json, sys
kind, server, startup, items, seconds = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print(f"{kind + ' t=' + sys.argv[6]:17} tok/s@1 {server['tokens_per_second_1']:6.1f}  tok/s@4 {server['tokens_per_second_4']:6.1f}  "
      f"TTFT {server['time_to_first_token_seconds']*1000:5.0f} ms  RSS {server['rss_megabytes']:6.0f} MB  "
      f"start {startup:4.1f} s  quorum run {items / seconds:5.2f} items/s")
PY
}

echo "model $model, $(nproc) cores; quorum run: $items quick-qa items, single system, concurrency 4"
for threads in ${THREADS:-1 2}; do
    measure llama-server "$cpp_home" 18400 "$threads"
    measure python "$python_home" 18450 "$threads"
done
