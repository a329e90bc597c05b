#!/usr/bin/env bash
# Items/s of 1, 2 and 4 `quorum worker` processes sharing one run on a throwaway PostgreSQL, against
# a stub vendor answering after a fixed 50 ms (bench/stub_upstream.py).
# Usage: bench/workers.sh [ITEMS] [CONCURRENCY_PER_WORKER]   (needs `swift build` and PostgreSQL)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
items="${1:-400}" concurrency="${2:-8}"
quorum="${QUORUM_BIN:-$root/.build/debug/quorum}"
dir="$(mktemp -d)" pg_port=55499 stub_port=18499
cleanup() { kill "$stub" 2>/dev/null || true; bash "$root/scripts/postgres-server.sh" stop "$pg_port" "$dir/pg" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
stub=""
chmod 755 "$dir"  # the cluster may belong to nobody (under root)
bash "$root/scripts/postgres-server.sh" start "$pg_port" "$dir/pg" >/dev/null
python3 "$root/bench/stub_upstream.py" "$stub_port" 0.05 & stub=$!
for i in $(seq 1 "$items"); do echo "{\"id\":\"q$i\",\"prompt\":\"What is 6*7? ($i)\",\"answer\":\"42\"}"; done >"$dir/data.jsonl"
cat >"$dir/bench.yaml" <<YAML
models:
  - {name: stub, provider: openai, base_url: "http://127.0.0.1:$stub_port/v1", model: stub, price: {input: 1.0, output: 2.0}}
systems:
  - {name: single, type: single, model: stub}
dataset: {path: data.jsonl}
experiment:
  name: workers-bench
  systems: [single]
  scoring: {verifier: auto}
  store: "postgres://quorum:$(cat "$dir/pg/password")@127.0.0.1:$pg_port/postgres?sslmode=disable"
YAML
sleep 1
echo "items=$items concurrency/worker=$concurrency upstream=50 ms binary=$quorum"
for workers in 1 2 4; do
    run="$("$quorum" run "$dir/bench.yaml" --enqueue-only | head -1 | cut -d' ' -f2 | tr -d :)"
    start=$(date +%s.%N)
    pids=()
    for _ in $(seq 1 "$workers"); do "$quorum" worker "$dir/bench.yaml" --run "$run" --concurrency "$concurrency" >/dev/null 2>&1 & pids+=($!); done
    wait "${pids[@]}"
    end=$(date +%s.%N)
    python3 -c "w=$workers; s=$end-$start; n=$items; c=$concurrency; print(f'workers={w}  {n/s:7.1f} items/s  wall {s:5.2f} s  (ideal {w*c/0.05:5.0f} items/s)')"
done
