import Logging
import QuorumCore

/// What every call inside a system needs, and nothing global: models, the spending ledger,
/// the resume journal, the response cache and a logger. Tests build their own.
public struct RunContext: Sendable {
    /// Configured models by name.
    public var models: [String: any ChatModel]
    public var ledger: SpendingLedger
    /// Replays calls already paid for in an earlier attempt at this item; `nil` for none.
    public var journal: (any CallJournal)?
    /// Answers identical calls to models (or within systems) with `cache:` from the store; `nil` for none.
    public var cache: ResponseCache?
    public var logger: Logger
    /// Path of the current step inside the system (`cascade/level-2`); prefixes call keys.
    public var path: String
    /// Hears every call about to be paid for (after the journal had nothing to replay) and may stop
    /// it by throwing: how `quorum run` learns which requests to send through a batch API.
    public var interceptor: (any CallInterceptor)?

    public init(
        models: [String: any ChatModel], ledger: SpendingLedger = SpendingLedger(),
        journal: (any CallJournal)? = nil, cache: ResponseCache? = nil, logger: Logger = Logger(label: "quorum"),
        path: String = ""
    ) {
        self.cache = cache
        self.models = models
        self.ledger = ledger
        self.journal = journal
        self.logger = logger
        self.path = path
    }

    /// The same context one step deeper: keys of calls made through it start with `path/component`.
    public func scoped(_ component: String) -> RunContext {
        var copy = self
        copy.path = path.isEmpty ? component : "\(path)/\(component)"
        return copy
    }

    /// The key a call named `name` gets at this step.
    public func key(_ name: String) -> String {
        path.isEmpty ? name : "\(path)/\(name)"
    }

    /// Calls `modelName` with `request`, going through the journal (replay), the response cache (a
    /// hit is free and skips the ledger), the ledger (budget, quota) and the model's own limits. Throws `QuorumError` (`.notFound` for an unknown model,
    /// `.budgetExhausted`, `.quotaExhausted`, or the provider's error).
    public func call(
        _ modelName: String, _ request: ChatRequest, key name: String, role: CallRecord.Role = .answer
    ) async throws -> CallRecord {
        let key = key(name)
        if let journal, var stored = try await journal.replay(key) {
            stored.replayed = true
            return stored
        }
        guard let model = models[modelName] else {
            throw QuorumError(.notFound, "no model named '\(modelName)' is configured", context: ["model": modelName])
        }
        try await interceptor?.willCall(key: key, model: modelName, role: role, request: request)
        let cached = cache?.entry(for: request, answeredBy: modelName)
        if let cache, let cached, let hit = await cache.response(for: cached) {
            let record = hit.record(key: key, model: modelName, role: role, messages: request.messages)
            if let journal { try await journal.record(record) }
            return record
        }
        try await ledger.admit(model: modelName)
        let completion: Completion
        do {
            // Journaled before it starts too, so a call in flight on a worker that dies is visible.
            try await journal?.begin(key, model: modelName)
            completion = try await model.complete(request)
        } catch {
            await ledger.settleFailed(model: modelName)
            throw error
        }
        await ledger.charge(completion.cost, model: modelName)
        if let cache, let cached { await cache.save(CachedResponse(completion), for: cached) }
        let record = CallRecord(
            key: key, model: modelName, role: role, messages: request.messages, response: completion.text,
            usage: completion.usage, cost: completion.cost, latency: completion.latency,
            timeToFirstToken: completion.timeToFirstToken, attempts: completion.attempts,
            finishReason: completion.finishReason, logprobs: completion.logprobs, route: completion.route)
        if let journal { try await journal.record(record) }
        return record
    }
}
