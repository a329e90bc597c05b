import Foundation
import QuorumCore
import QuorumStore

extension StoreLocation {
    /// `--store`, else `coeval.store` (relative to the config), else the experiment's store, else `quorum.db` here.
    public static func resolveCoEval(flag: String?, config: QuorumConfig?) -> StoreLocation {
        if flag == nil, let configured = config?.coeval?.store {
            let folder = config?.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
            return StoreLocation(configured, baseDirectory: folder)
        }
        return resolve(flag: flag, config: config)
    }

    /// Opens the store CoEval runs live in, SQLite or PostgreSQL, applying pending migrations.
    public func openCoEvalStore() async throws -> any CoEvalStore {
        switch kind {
        case .sqlite: try SQLiteRunStore(path: address)
        case .postgres: try await PostgresRunStore.open(address)
        }
    }
}
