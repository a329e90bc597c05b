import Prometheus
import QuorumCore
import Synchronization

/// The gateway's Prometheus metrics: requests, errors by type, latency, tokens, cost, escalations,
/// response cache hits and what they saved.
///
/// Backed by one registry owned by the gateway (no global metrics system), rendered at `/metrics`.
/// The registry validates names and builds label keys on every `make…` call, which cost more than
/// the rest of a passthrough request; so each label combination is looked up there once and its
/// handles are kept here.
///
/// A `model` label comes from the client, so only configured names are used as label values; any
/// other name counts under `unknown`. Otherwise every distinct name a client sends would make a new
/// series that lives as long as the server — memory a client could grow without limit.
struct GatewayMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let known: Set<String>
    private let requests = HandleCache<RequestKey, RequestHandles>()
    private let errors = HandleCache<LabelPair, Counter>()
    private let calls = HandleCache<LabelPair, CallHandles>()
    private let levels = HandleCache<LabelPair, Counter>()
    /// Per virtual key (`GatewayMetrics+Keys.swift`).
    let keySpend = HandleCache<String, Counter>()
    let keyRefusals = HandleCache<KeyRefusal, Counter>()
    private let cacheHits = HandleCache<String, CacheHandles>()

    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    /// `known`: the names requests may use (configured models and systems).
    init(known: some Sequence<String>, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.known = Set(known)
        self.registry = registry
    }

    /// The label value for a name a client sent: itself when configured, `unknown` otherwise.
    func label(_ name: String) -> String {
        known.contains(name) || name == Self.noModel ? name : Self.unknown
    }

    /// The label of a request whose body gave no model name (unreadable or not JSON).
    static let noModel = "-"
    static let unknown = "unknown"

    private func descriptor(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "quorum", metricName: name, unitName: unit, helpText: help)
    }

    /// One finished request to `model` (a configured model or system name) with its HTTP status.
    func recordRequest(model: String, stream: Bool, status: Int, duration: Duration) {
        let model = label(model)
        let handles = requests.value(for: RequestKey(model: model, stream: stream, status: status)) {
            let streamLabel = stream ? "true" : "false"
            return RequestHandles(
                count: registry.makeCounter(
                    descriptor: descriptor("requests", unit: "total", help: "Chat completion requests."),
                    labels: [("model", model), ("stream", streamLabel), ("status", String(status))]),
                duration: registry.makeDurationHistogram(
                    descriptor: descriptor("request_duration", unit: "seconds", help: "Time to answer a chat completion."),
                    labels: [("model", model), ("stream", streamLabel)], buckets: Self.latencyBuckets))
        }
        handles.count.increment()
        handles.duration.record(duration)
    }

    /// An error returned to a client, by OpenAI error type (Quorum's own fixed set of types).
    func recordError(model: String, type: String) {
        let model = label(model)
        errors.value(for: LabelPair(model, type)) {
            registry.makeCounter(
                descriptor: descriptor("errors", unit: "total", help: "Errors returned to clients, by type."),
                labels: [("model", model), ("type", type)])
        }.increment()
    }

    /// Tokens and cost of every call made while answering, per upstream model and served name.
    func recordCalls(_ calls: [(model: String, usage: Usage, cost: USD)], served: String) {
        let served = label(served)
        for call in calls {
            let handles = self.calls.value(for: LabelPair(call.model, served)) {
                let labels = [("model", call.model), ("served", served)]
                return CallHandles(
                    prompt: registry.makeCounter(
                        descriptor: descriptor("prompt_tokens", unit: "total", help: "Prompt tokens sent upstream."),
                        labels: labels),
                    completion: registry.makeCounter(
                        descriptor: descriptor("completion_tokens", unit: "total", help: "Completion tokens received."),
                        labels: labels),
                    cost: registry.makeCounter(
                        descriptor: descriptor("cost_usd", unit: "total", help: "Upstream cost in USD."), labels: labels))
            }
            handles.prompt.increment(by: Int64(call.usage.promptTokens))
            handles.completion.increment(by: Int64(call.usage.completionTokens))
            handles.cost.increment(by: call.cost.doubleValue)
        }
    }

    /// The level a cascade or debate finished at.
    func recordLevel(_ level: Int, system: String) {
        levels.value(for: LabelPair(system, String(level))) {
            registry.makeCounter(
                descriptor: descriptor("answers_by_level", unit: "total", help: "Answers by the level that produced them."),
                labels: [("system", system), ("level", String(level))])
        }.increment()
    }

    /// A request to `served` answered from the response cache, saving `saved`.
    func recordCacheHit(served: String, saved: USD) {
        let served = label(served)
        let handles = cacheHits.value(for: served) {
            CacheHandles(
                hits: registry.makeCounter(
                    descriptor: descriptor("cache_hits", unit: "total", help: "Requests answered from the response cache."),
                    labels: [("served", served)]),
                saved: registry.makeCounter(
                    descriptor: descriptor("cache_saved_usd", unit: "total", help: "Upstream cost the response cache saved, in USD."),
                    labels: [("served", served)]))
        }
        handles.hits.increment()
        handles.saved.increment(by: saved.doubleValue)
    }

    func render() -> String { registry.emitToString() }

    private struct RequestKey: Hashable, Sendable {
        var model: String
        var stream: Bool
        var status: Int
    }

    private struct RequestHandles: Sendable {
        var count: Counter
        var duration: DurationHistogram
    }

    private struct CallHandles: Sendable {
        var prompt: Counter
        var completion: Counter
        var cost: Counter
    }

    private struct CacheHandles: Sendable {
        var hits: Counter
        var saved: Counter
    }

    private struct LabelPair: Hashable, Sendable {
        var first: String
        var second: String
        init(_ first: String, _ second: String) {
            self.first = first
            self.second = second
        }
    }
}

/// Metric handles by label values, made on first use.
///
/// A `final class` holding only a `Mutex`, hence `Sendable` without `@unchecked`.
final class HandleCache<Key: Hashable & Sendable, Handles: Sendable>: Sendable {
    private let handles = Mutex<[Key: Handles]>([:])

    func value(for key: Key, make: () -> Handles) -> Handles {
        handles.withLock { handles in
            if let existing = handles[key] { return existing }
            let made = make()
            handles[key] = made
            return made
        }
    }
}
