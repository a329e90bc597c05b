import Prometheus
import QuorumCore

/// The gateway's Prometheus metrics: requests, errors by type, latency, tokens, cost, escalations.
///
/// Backed by one registry owned by the gateway (no global metrics system), rendered at `/metrics`.
struct GatewayMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    private func descriptor(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "quorum", metricName: name, unitName: unit, helpText: help)
    }

    /// One finished request to `model` (a configured model or system name) with its HTTP status.
    func recordRequest(model: String, stream: Bool, status: Int, duration: Duration) {
        let labels = [("model", model), ("stream", stream ? "true" : "false"), ("status", String(status))]
        registry.makeCounter(descriptor: descriptor("requests", unit: "total", help: "Chat completion requests."), labels: labels)
            .increment()
        registry.makeDurationHistogram(
            descriptor: descriptor("request_duration", unit: "seconds", help: "Time to answer a chat completion."),
            labels: [("model", model), ("stream", stream ? "true" : "false")], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// An error returned to a client, by OpenAI error type.
    func recordError(model: String, type: String) {
        registry.makeCounter(
            descriptor: descriptor("errors", unit: "total", help: "Errors returned to clients, by type."),
            labels: [("model", model), ("type", type)]
        ).increment()
    }

    /// Tokens and cost of every call made while answering, per upstream model and served name.
    func recordCalls(_ calls: [(model: String, usage: Usage, cost: USD)], served: String) {
        for call in calls {
            let labels = [("model", call.model), ("served", served)]
            registry.makeCounter(
                descriptor: descriptor("prompt_tokens", unit: "total", help: "Prompt tokens sent upstream."), labels: labels
            ).increment(by: Int64(call.usage.promptTokens))
            registry.makeCounter(
                descriptor: descriptor("completion_tokens", unit: "total", help: "Completion tokens received."),
                labels: labels
            ).increment(by: Int64(call.usage.completionTokens))
            registry.makeCounter(
                descriptor: descriptor("cost_usd", unit: "total", help: "Upstream cost in USD."), labels: labels
            ).increment(by: call.cost.doubleValue)
        }
    }

    /// The level a cascade or debate finished at.
    func recordLevel(_ level: Int, system: String) {
        registry.makeCounter(
            descriptor: descriptor("answers_by_level", unit: "total", help: "Answers by the level that produced them."),
            labels: [("system", system), ("level", String(level))]
        ).increment()
    }

    func render() -> String { registry.emitToString() }
}
