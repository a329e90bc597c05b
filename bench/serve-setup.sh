# Sourced by bench/serve.sh, bench/profile.sh and bench/serve-phases.sh: makes a temp dir ($work,
# removed on exit with both servers), starts the nginx stub upstream (JSON on PORT_JSON, SSE on
# PORT_SSE) and `quorum serve` ($QUORUM_BIN, default .build/release/quorum) on PORT_QUORUM in front
# of it, with the two stub models; leaves nginx_pid and quorum_pid set, and returns once quorum
# answers. `stub_for json|sse` sets $model and $stream for a request of that kind.
QUORUM_BIN=${QUORUM_BIN:-.build/release/quorum}
work=$(mktemp -d)
cleanup() { kill "${quorum_pid:-}" "${nginx_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
stub_for() { model=stub stream=false; if [ "$1" = sse ]; then model=stub-stream stream=true; fi; }
mkdir -p "$work/tmp"
sed -e "s/PORT_JSON/$PORT_JSON/" -e "s/PORT_SSE/$PORT_SSE/" bench/serve-stub-nginx.conf >"$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf" & nginx_pid=$!
cat >"$work/bench.yaml" <<YAML
models:
  - {name: stub, provider: openai, base_url: "http://127.0.0.1:$PORT_JSON/v1", model: stub, price: {input: 1, output: 2}, retries: 0, max_concurrency: 1024}
  - {name: stub-stream, provider: openai, base_url: "http://127.0.0.1:$PORT_SSE/v1", model: stub, price: {input: 1, output: 2}, retries: 0, max_concurrency: 1024}
YAML
# QUORUM_CACHE=1 turns the response cache on for both models (temperature 0, so every repeated
# request is a hit after the first): the hit path's cost. With QUORUM_STORE=1 too, the answers live
# in the SQLite store; else in memory.
if [ -n "${QUORUM_CACHE:-}" ]; then
    sed -i -e 's/max_concurrency: 1024}/max_concurrency: 1024, parameters: {temperature: 0}, cache: {ttl: 1h}}/' "$work/bench.yaml"
fi
# QUORUM_FALLBACKS=1 serves each stub model through two deployments of the same upstream
# (least-busy routing, cooldown) and gives `stub` an ordered fallback: what routing costs a request
# when nothing fails.
if [ -n "${QUORUM_FALLBACKS:-}" ]; then
    sed -i -e 's|base_url: "\(http://[^"]*\)", model: stub,|model: stub, routing: least-busy, deployments: [{name: a, base_url: "\1"}, {name: b, base_url: "\1"}],|' \
        -e 's|{name: stub, provider: openai, model: stub,|{name: stub, provider: openai, model: stub, fallbacks: [stub-stream],|' "$work/bench.yaml"
fi
# QUORUM_STORE=1 also keeps every served trace in a SQLite store (what that costs). QUORUM_KEYS=1
# serves virtual keys from a SQLite store, with one key whose budget is never reached (what checking
# and accounting each request costs); the key is left in $QUORUM_KEY for the load generator.
if [ -n "${QUORUM_STORE:-}${QUORUM_KEYS:-}" ]; then printf 'server:\n  store: %s\n' "$work/gateway.db" >>"$work/bench.yaml"; fi
if [ -n "${QUORUM_KEYS:-}" ]; then
    printf '  virtual_keys: true\n' >>"$work/bench.yaml"
    QUORUM_KEY=$("$QUORUM_BIN" keys create --name bench --budget-usd 1000000 --store "$work/gateway.db" 2>/dev/null)
fi
"$QUORUM_BIN" serve "$work/bench.yaml" --port "$PORT_QUORUM" --log-level warning & quorum_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT_QUORUM/healthz" >/dev/null && break; sleep 0.2; done
