import Logging
import QuorumCore
import QuorumOrchestration
import QuorumStore

extension ResponseCache {
    /// The cache a run over `store` uses: the store's own table (SQLite or PostgreSQL, so workers
    /// share hits); `nil` when no model or system has `cache:`, or the store cannot hold answers.
    public init?(_ config: QuorumConfig, runStore store: any RunStore, logger: Logger) {
        guard let cacheStore = store as? any ResponseCacheStore else { return nil }
        self.init(config, store: cacheStore, logger: logger)
    }
}
