#!/usr/bin/env bash
# Where the added latency of `quorum serve` goes at one connection: with wrk sending one request
# after another, perf records quorum's read and writev system calls (and, with SAMPLES=1, its
# on-CPU stacks), and this prints the median time of the two single-threaded phases of a
# passthrough request:
#   request side:  read of the client's request  -> writev of the upstream request
#   response side: read of the upstream's answer  -> writev of the answer to the client
# With SAMPLES=1 it also lists the functions that took the most of each phase (inclusive); the
# sampling slows quorum down, so compare phase times from runs without it.
# Needs perf with tracepoint access (root), nginx and wrk.
# Usage: QUORUM_BIN=<quorum> bench/serve-phases.sh [json|sse, default json] [seconds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
KIND=${1:-json} DURATION=${2:-3}
PORT_JSON=${PORT_JSON:-18916} PORT_SSE=${PORT_SSE:-18917} PORT_QUORUM=${PORT_QUORUM:-18915}
source bench/serve-setup.sh

stub_for "$KIND"
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[{"model":"%s","messages":[{"role":"user","content":"What is 6 x 7?"}],"stream":%s}]]\n' \
    "$model" "$stream" >"$work/request.lua"
url="http://127.0.0.1:$PORT_QUORUM/v1/chat/completions"
wrk -t1 -c1 -d2s -s "$work/request.lua" "$url" >/dev/null  # warm-up: connections open, code hot
wrk -t1 -c1 -d"$((DURATION + 2))s" -s "$work/request.lua" "$url" >"$work/wrk.txt" & wrk_pid=$!
sleep 1
events=syscalls:sys_enter_read,syscalls:sys_exit_read,syscalls:sys_enter_writev
if [ -n "${SAMPLES:-}" ]; then events="cpu-clock,$events"; fi
perf record -q -F 20000 -g -e "$events" -p "$quorum_pid" -o "$work/perf.data" -- sleep "$DURATION" 2>/dev/null
wait "$wrk_pid"
grep Requests/sec "$work/wrk.txt"
perf script -i "$work/perf.data" -F time,event,trace,ip,sym 2>/dev/null | python3 -c '
import collections, re, statistics, sys
events = []
for block in sys.stdin.read().split("\n\n"):
    lines = block.strip().split("\n")
    m = re.match(r"\s*([\d.]+):\s+(\S+):\s*(.*)", lines[0])
    if not m: continue
    fd = re.search(r"fd: (0x[0-9a-f]+)", m.group(3))
    frames = {re.sub(r"\+0x[0-9a-f]+$", "", l.strip().split(" ", 1)[-1]) for l in lines[1:]}
    events.append((float(m.group(1)) * 1e6, m.group(2).split(":")[-1], fd and int(fd.group(1), 16), frames))
# The two sockets written most are the client connection and the upstream one; the client was
# accepted before quorum connected upstream, so it has the lower number.
written = collections.Counter(fd for _, name, fd, _ in events if name == "sys_enter_writev")
client, upstream = sorted(fd for fd, _ in written.most_common(2))
spans = {"request side": [], "response side": []}
inclusive = {side: collections.Counter() for side in spans}
sampled = collections.Counter()
reading, start, stacks = None, None, []
for t, name, fd, frames in events:
    if name == "sys_enter_read":
        reading = fd
    elif name == "sys_exit_read" and reading in (client, upstream):
        start, stacks = t, []
    elif name == "cpu-clock" and start is not None:
        stacks.append(frames)
    elif name == "sys_enter_writev" and start is not None:
        side = "request side" if fd == upstream else "response side"
        spans[side].append(t - start)
        for frames in stacks:
            sampled[side] += 1
            inclusive[side].update(frames)
        start = None
for side, values in spans.items():
    values.sort()
    print(f"{side}: median {statistics.median(values):.0f} us, p90 {values[int(len(values) * 0.9)]:.0f} us ({len(values)} requests)")
    # Frames under nearly every sample (thread start, the event loop) say nothing; skip them.
    shown = [(f, c) for f, c in inclusive[side].most_common(80) if c < 0.9 * sampled[side]][:25]
    for function, count in shown:
        print(f"   {100 * count / sampled[side]:5.1f}%  {function[:140]}")
'
