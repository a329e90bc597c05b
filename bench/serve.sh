#!/usr/bin/env bash
# Benchmark of `quorum serve` as a passthrough gateway (a `single`-style model target) in front of
# a static nginx upstream, measured with wrk on loopback:
#   - added latency at 1 connection: quorum's p50/p99 minus nginx's own p50/p99;
#   - requests/s at 64 connections, non-streaming and streaming;
#   - peak RSS of the quorum process.
# Needs nginx and wrk (Debian: nginx-light wrk). Usage: bench/serve.sh [seconds per run, default 10]
# (QUORUM_STORE=1: with served traces kept in a SQLite store; QUORUM_KEYS=1: with a virtual key on
# every request; QUORUM_CACHE=1: with the response cache on, so every request after the first is a
# hit: the added latency and req/s of the hit path; QUORUM_FALLBACKS=1: through two deployments
# and a fallback, none of them failing.)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PORT_JSON=${PORT_JSON:-18901} PORT_SSE=${PORT_SSE:-18902} PORT_QUORUM=${PORT_QUORUM:-18900}

# QUORUM_BIN points at an already built release binary; otherwise one is built here.
if [ -z "${QUORUM_BIN:-}" ]; then
    swift build -c release --product quorum >/dev/null
    QUORUM_BIN=.build/release/quorum
fi
source bench/serve-setup.sh
if [ -n "${QUORUM_CACHE:-}" ]; then # warm both entries, and show that repeats are hits
    for model in stub stub-stream; do
        for _ in 1 2; do
            curl -s -o /dev/null -D - -H 'Content-Type: application/json' "http://127.0.0.1:$PORT_QUORUM/v1/chat/completions" \
                -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 6 x 7?\"}],\"stream\":$([ $model = stub ] && echo false || echo true)}" |
                grep -i '^x-quorum-cache' | sed "s/^/== $model: /"
        done
    done
fi

body='{"model":"MODEL","messages":[{"role":"user","content":"What is 6 x 7?"}],"stream":STREAM}'
lua() { # $1 model, $2 stream
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' \
        "$(echo "$body" | sed -e "s/MODEL/$1/" -e "s/STREAM/$2/")" >"$work/$1-$2.lua"
    if [ -n "${QUORUM_KEY:-}" ]; then printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$QUORUM_KEY" >>"$work/$1-$2.lua"; fi
    echo "$work/$1-$2.lua"
}
run() { # $1 label, $2 connections, $3 url, $4 lua; leaves the output in $work/last
    echo "== $1 ($2 connection(s), ${DURATION}s)"
    wrk -t "$(( $2 > 1 ? 2 : 1 ))" -c "$2" -d "${DURATION}s" --latency -s "$4" "$3" >"$work/last"
    grep -E "Requests/sec|^ +(50|75|90|99)%|Non-2xx|Socket errors" "$work/last"
}
ms() { # percentile $1 of the last run, in milliseconds
    awk -v p="$1%" '$1 == p { v = $2; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }' "$work/last"
}
added() { # $1 label, then p50 and p99 of upstream alone, read before the quorum run
    printf '   added by quorum: p50 %.3f ms, p99 %.3f ms (%s)\n' \
        "$(echo "$(ms 50) - $2" | bc -l)" "$(echo "$(ms 99) - $3" | bc -l)" "$1"
}
run "nginx direct, JSON" 1 "http://127.0.0.1:$PORT_JSON/v1/chat/completions" "$(lua stub false)"
json50=$(ms 50) json99=$(ms 99)
run "quorum -> nginx, JSON" 1 "http://127.0.0.1:$PORT_QUORUM/v1/chat/completions" "$(lua stub false)"
added JSON "$json50" "$json99"
run "nginx direct, SSE" 1 "http://127.0.0.1:$PORT_SSE/v1/chat/completions" "$(lua stub-stream true)"
sse50=$(ms 50) sse99=$(ms 99)
run "quorum -> nginx, SSE" 1 "http://127.0.0.1:$PORT_QUORUM/v1/chat/completions" "$(lua stub-stream true)"
added SSE "$sse50" "$sse99"
run "quorum -> nginx, JSON" 64 "http://127.0.0.1:$PORT_QUORUM/v1/chat/completions" "$(lua stub false)"
run "quorum -> nginx, SSE" 64 "http://127.0.0.1:$PORT_QUORUM/v1/chat/completions" "$(lua stub-stream true)"
echo "== quorum serve RSS: $(awk '/VmRSS/ {now = $2} /VmHWM/ {peak = $2} END {printf "%.1f MiB now, %.1f MiB peak", now/1024, peak/1024}' /proc/$quorum_pid/status)"
echo "== load: $(cut -d' ' -f1-3 /proc/loadavg)"
