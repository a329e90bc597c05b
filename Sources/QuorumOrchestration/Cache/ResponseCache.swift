import Foundation
import Logging
import QuorumCore

/// The exact-match response cache: identical requests to a model or system with `cache:` answered
/// from the store instead of paid for again.
///
/// A value: copies share the store. The store failing never fails a request: a lookup that fails is
/// a miss, a save that fails is logged and skipped.
public struct ResponseCache: Sendable {
    /// Who may answer from the cache: every configured model and system by name.
    public struct Identity: Sendable, Hashable {
        /// Changes when what answers changes (vendor model, endpoint, prompts, levels…), so an
        /// edited configuration never replays answers of the old one.
        public var fingerprint: String
        /// Parameters the configuration fills in where a request leaves them out.
        public var defaults: GenerationParameters

        public init(fingerprint: String, defaults: GenerationParameters = GenerationParameters()) {
            self.fingerprint = fingerprint
            self.defaults = defaults
        }
    }

    /// Where a lookup's answer goes once paid for: the key, the model or system, and its policy.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var scope: String
        public var policy: CachePolicy
    }

    public let store: any ResponseCacheStore
    /// Answers this process saved or read, in front of a database store: a repeated request is
    /// answered without a database read (with SQLite, a hit through the store cost the gateway
    /// 2–3× the latency of one from memory, `QUORUM_CACHE=1 QUORUM_STORE=1 bench/serve.sh`). An
    /// answer another replica replaced later is seen here once the copy in front expires.
    private let front: MemoryResponseCacheStore?
    public var identities: [String: Identity]
    /// Policies of the models and systems with `cache:`.
    public var policies: [String: CachePolicy]
    /// The policy of model calls whose model has none: the calling system's (`quorum run`).
    public var inherited: CachePolicy?
    public var logger: Logger
    /// The time now; tests pass their own clock to expire answers without waiting.
    public let now: @Sendable () -> Date

    public init(
        store: any ResponseCacheStore, identities: [String: Identity], policies: [String: CachePolicy],
        logger: Logger = Logger(label: "quorum.cache"), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        front = store is MemoryResponseCacheStore ? nil : MemoryResponseCacheStore()
        self.identities = identities
        self.policies = policies
        self.logger = logger
        self.now = now
    }

    /// This cache for the model calls of `system`: models without a `cache:` of their own use the
    /// system's, when it has one.
    public func inheriting(from system: String) -> ResponseCache {
        var copy = self
        if let policy = policies[system] { copy.inherited = policy }
        return copy
    }

    /// The entry `request` to `name` is cached under; `nil` when `name` has no cache or the request
    /// may not be cached (a sampled one, by default).
    public func entry(for request: ChatRequest, answeredBy name: String) -> Entry? {
        guard let identity = identities[name], let policy = policies[name] ?? inherited else { return nil }
        var normalized = request
        normalized.parameters = request.parameters.merged(over: identity.defaults)
        guard policy.admits(normalized.parameters) else { return nil }
        let key = ResponseCacheKey.make(scope: name, fingerprint: identity.fingerprint, request: normalized)
        return Entry(key: key, scope: name, policy: policy)
    }

    /// The stored answer for `entry`, if one is there and fresh.
    public func response(for entry: Entry) async -> CachedResponse? {
        let now = now()
        do {
            if let front, let recent = try await front.cachedResponse(key: entry.key, at: now) { return recent }
            guard let stored = try await store.cachedResponse(key: entry.key, at: now) else { return nil }
            if let front {
                try await front.saveCachedResponse(
                    stored, key: entry.key, scope: entry.scope, at: now,
                    expiry: stored.expiry ?? now.addingTimeInterval(entry.policy.ttl), maxEntries: entry.policy.maxEntries)
            }
            return stored
        } catch {
            logger.warning("response cache lookup failed", metadata: ["scope": "\(entry.scope)", "error": "\(error)"])
            return nil
        }
    }

    /// Keeps `response` under `entry` for its policy's TTL.
    public func save(_ response: CachedResponse, for entry: Entry) async {
        let now = now()
        let expiry = now.addingTimeInterval(entry.policy.ttl)
        do {
            try await front?.saveCachedResponse(
                response, key: entry.key, scope: entry.scope, at: now, expiry: expiry, maxEntries: entry.policy.maxEntries)
            try await store.saveCachedResponse(
                response, key: entry.key, scope: entry.scope, at: now, expiry: expiry, maxEntries: entry.policy.maxEntries)
        } catch {
            logger.warning("response cache save failed", metadata: ["scope": "\(entry.scope)", "error": "\(error)"])
        }
    }
}
