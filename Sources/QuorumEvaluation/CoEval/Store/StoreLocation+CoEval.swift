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

    /// Opens the SQLite store CoEval runs live in; throws `.store` for any other kind.
    public func openCoEvalStore() throws -> SQLiteRunStore {
        guard kind == .sqlite else { throw QuorumError(.store, "quorum coeval needs a SQLite store; \(self) is not one") }
        return try SQLiteRunStore(path: address)
    }
}
