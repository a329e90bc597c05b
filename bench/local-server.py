#!/usr/bin/env python3
"""Measures one running llama.cpp server: tokens/s at 1 and 4 concurrent requests, time to first
token, and the server's RSS. Standard library only. Prints one JSON object.

Usage: bench/local-server.py BASE_URL MODEL PID [REQUESTS]
"""
import json, statistics, sys, threading, time, urllib.request

base, model, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
requests = int(sys.argv[4]) if len(sys.argv) > 4 else 8
prompts = [
    "Write a Python function that reverses a string.",
    "Explain what a hash map is in two sentences.",
    "List five prime numbers and say why each is prime.",
    "What is the capital of Australia? Explain briefly.",
]


def chat(prompt, stream=False, max_tokens=64):
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": prompt}],
                       "temperature": 0, "max_tokens": max_tokens, "stream": stream,
                       "stream_options": {"include_usage": True} if stream else None}).encode()
    request = urllib.request.Request(base + "/chat/completions", body, {"content-type": "application/json"})
    return urllib.request.urlopen(request, timeout=300)


def completion_tokens(prompt):
    with chat(prompt) as response:
        return json.load(response)["usage"]["completion_tokens"]


def throughput(concurrency):
    """Completion tokens per second over `requests` requests, `concurrency` at a time."""
    queue = [prompts[i % len(prompts)] for i in range(requests)]
    lock, total = threading.Lock(), [0]

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                prompt = queue.pop()
            tokens = completion_tokens(prompt)
            with lock:
                total[0] += tokens

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return total[0] / (time.monotonic() - start)


def first_token_seconds():
    """Median seconds from sending a streamed request to its first content chunk (5 requests)."""
    times = []
    for index in range(5):
        start = time.monotonic()
        with chat(prompts[index % len(prompts)] + f" ({index})", stream=True, max_tokens=8) as response:
            for line in response:
                if not line.startswith(b"data: {"):
                    continue
                choices = json.loads(line[6:]).get("choices") or [{}]
                if (choices[0].get("delta") or {}).get("content"):
                    times.append(time.monotonic() - start)
                    break
            response.read()
    return statistics.median(times)


def rss_megabytes():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


completion_tokens("Say hello.")  # warm-up: loads the weights into the page cache
result = {
    "tokens_per_second_1": round(throughput(1), 1),
    "tokens_per_second_4": round(throughput(4), 1),
    "time_to_first_token_seconds": round(first_token_seconds(), 3),
    "rss_megabytes": round(rss_megabytes(), 1),
}
print(json.dumps(result))
