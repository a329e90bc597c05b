import HTTPTypes
import QuorumCore
import QuorumOrchestration

/// The response cache as one gateway request meets it: whether the served model or system caches,
/// whether this request may be answered from it (temperature, `Cache-Control`), and where a fresh
/// answer is kept.
struct CacheLookup: Sendable {
    /// The `x-quorum-cache` header's value.
    enum Outcome: String, Sendable {
        /// Answered from the cache: nothing paid.
        case hit
        /// Looked up, not found: answered fresh and kept.
        case miss
        /// Not looked up: the client sent `Cache-Control: no-cache`/`no-store`, or the request may
        /// not be cached (a sampled one, by default).
        case bypass
    }

    private let cache: ResponseCache?
    private let entry: ResponseCache.Entry?
    private let directive: CacheDirective
    /// Whether the served name has a `cache:` at all (only then is the header sent).
    private let applies: Bool

    init(cache: ResponseCache?, directive: CacheDirective, request: ChatRequest, served: String) {
        self.cache = cache
        self.directive = directive
        applies = cache?.policies[served] != nil
        entry = applies ? cache?.entry(for: request, answeredBy: served) : nil
    }

    private var readable: Bool { entry != nil && !directive.noCache && !directive.noStore }

    /// The cached answer, when this request may use one and one is there.
    func cached() async -> CachedResponse? {
        guard readable, let cache, let entry else { return nil }
        return await cache.response(for: entry)
    }

    /// Keeps a fresh answer, unless the client said `no-store` or the request may not be cached.
    func save(_ response: CachedResponse) async {
        guard !directive.noStore, let cache, let entry else { return }
        await cache.save(response, for: entry)
    }

    /// The cache for the model calls a served system makes; none when the client asked to bypass it.
    var forCalls: ResponseCache? { directive.noCache || directive.noStore ? nil : cache }

    /// The header value for a request that did (`hit`) or did not find its answer; `nil` when the
    /// served name does not cache.
    func outcome(hit: Bool) -> Outcome? {
        guard applies else { return nil }
        return hit ? .hit : readable ? .miss : .bypass
    }
}

extension HTTPField.Name {
    /// `hit`, `miss` or `bypass`, on responses of models and systems with `cache:`.
    static let quorumCache = HTTPField.Name("x-quorum-cache")!
}

extension CachedResponse {
    /// The trace of this answer served again as `served`: a system's own trace, or one call, every
    /// call free with its first cost kept as saved.
    func replayedTrace(served: String, messages: [ChatMessage]) -> TraceNode {
        if let trace { return trace.servedFromCache() }
        return TraceNode(
            kind: .call, label: served, call: record(key: "call", model: served, role: .answer, messages: messages))
    }
}
