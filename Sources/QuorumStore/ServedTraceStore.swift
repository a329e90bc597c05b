/// Where `quorum serve` keeps the traces it answered: a SQLite file for one gateway, PostgreSQL for
/// replicas that answer `GET /v1/traces/{id}` for each other's requests.
///
/// Both methods are called from the gateway's event loops: they must suspend, never block.
public protocol ServedTraceStore: Sendable {
    /// Saves `traces` in one transaction; a trace saved again replaces the earlier copy.
    func saveServedTraces(_ traces: [ServedTrace]) async throws
    /// The served trace with `id`, if the store has it (whichever replica saved it).
    func servedTrace(id: String) async throws -> ServedTrace?
    /// Where the store is, for logs: never a password.
    var location: String { get }
}

extension StoreLocation {
    /// Opens the store that keeps served traces, applying pending migrations.
    public func openServedTraceStore() async throws -> any ServedTraceStore {
        switch kind {
        case .sqlite: try SQLiteRunStore(path: address)
        case .postgres: try await PostgresRunStore.open(address)
        }
    }
}
