import Foundation
import QuorumCore

/// Where a store is, from `--store URL` or the config's `store:`: `sqlite:PATH`, a bare path, or `postgres://…`.
public struct StoreLocation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case sqlite, postgres }

    public var kind: Kind
    /// The SQLite file path, or the PostgreSQL URL.
    public var address: String

    /// Parses `text`; relative SQLite paths are resolved against `baseDirectory` (the config's folder).
    public init(_ text: String, baseDirectory: String? = nil) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            kind = .postgres
            address = text
            return
        }
        var path = text
        for prefix in ["sqlite://", "sqlite:"] where path.hasPrefix(prefix) {
            path = String(path.dropFirst(prefix.count))
            break
        }
        if !path.hasPrefix("/") {
            let base = baseDirectory ?? FileManager.default.currentDirectoryPath
            path = URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
        }
        kind = .sqlite
        address = path
    }

    /// The store `--store`, else the config's `store:` (the experiment's, else CoEval's; relative
    /// to the config), else `quorum.db` here.
    public static func resolve(flag: String?, config: QuorumConfig?) -> StoreLocation {
        if let flag { return StoreLocation(flag) }
        let folder = config?.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        if let configured = config?.experiment?.store ?? config?.coeval?.store { return StoreLocation(configured, baseDirectory: folder) }
        return StoreLocation("quorum.db")
    }

    /// Opens the store (connecting to PostgreSQL), applying pending migrations; `QuorumError(.store)` when it cannot.
    public func open() async throws -> any RunStore {
        switch kind {
        case .sqlite: try SQLiteRunStore(path: address)
        case .postgres: try await PostgresRunStore.open(address)
        }
    }

    /// Opens the store as a queue many workers share; only PostgreSQL is one.
    public func openQueue() async throws -> any WorkQueue {
        guard kind == .postgres else {
            throw QuorumError(
                .configuration,
                "workers share a run through PostgreSQL (store: postgres://…); \(address) is a SQLite file, which one `quorum run` serves")
        }
        return try await PostgresRunStore.open(address)
    }

    /// The location as the user may see it: a PostgreSQL URL without its password.
    public var description: String {
        kind == .sqlite ? "sqlite:\(address)" : (try? PostgresLocation(address).description) ?? PostgresLocation.redacting(address)
    }
}
