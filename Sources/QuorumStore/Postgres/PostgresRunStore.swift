import Foundation
import Logging
import PostgresNIO
import QuorumCore
import QuorumOrchestration

/// The shared run store: PostgreSQL through postgres-nio's connection pool, for many workers and a
/// team on one database. Same tables and semantics as `SQLiteRunStore` (names prefixed `quorum_`):
/// an item and the calls of its trace are saved in one transaction, calls are journaled as they
/// return, and a pair's stored calls are never paid for again.
public final class PostgresRunStore: RunStore {
    /// `package`: CoEval keeps its tables in the same database and queries them through this pool.
    package let client: PostgresClient
    package let logger: Logger
    private let pool: Task<Void, Never>
    /// Where it is, without the password.
    public let location: String

    /// Connects to `url` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable|prefer|require`)
    /// and applies pending migrations under an advisory lock.
    public static func open(_ url: String, logger: Logger = PostgresRunStore.quietLogger) async throws -> PostgresRunStore {
        let location = try PostgresLocation(url)
        // The pool starts first so it is running by the time the probe has connected.
        let store = PostgresRunStore(
            client: PostgresClient(configuration: location.configuration, backgroundLogger: logger), logger: logger,
            location: location.description)
        do {
            try await location.probe(logger: logger)
            try await PostgresSchema.migrate(store.client, logger: logger)
        } catch {
            store.close()
            throw QuorumError(.store, "cannot open the run store at \(location): \(Self.describe(error))", context: ["store": location.description])
        }
        return store
    }

    /// Connection retries and pool events are the store's business; warnings still show.
    public static var quietLogger: Logger {
        var logger = Logger(label: "quorum.store.postgres")
        logger.logLevel = .warning
        return logger
    }

    private init(client: PostgresClient, logger: Logger, location: String) {
        self.client = client
        self.logger = logger
        self.location = location
        // The pool works only while `run()` does; it ends when `close()` cancels it.
        pool = Task { await client.run() }
    }

    deinit { pool.cancel() }

    /// Closes every connection.
    public func close() { pool.cancel() }

    public func createRun(_ run: RunRecord, items: [ItemRecord]) async throws {
        let rows = try items.map(PostgresItemRow.init)
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(PostgresRunRow.insert(run), logger: logger)
            for batch in PostgresInsert.batches(rows) {
                try await connection.query(PostgresItemRow.insert(batch, onConflict: "DO NOTHING"), logger: logger)
            }
        }
    }

    public func addMissingItems(_ items: [ItemRecord]) async throws {
        let rows = try items.map(PostgresItemRow.init)
        try await client.withTransaction(logger: logger) { connection in
            for batch in PostgresInsert.batches(rows) {
                try await connection.query(PostgresItemRow.insert(batch, onConflict: "DO NOTHING"), logger: logger)
            }
        }
    }

    public func updateRun(_ id: String, status: RunStatus, stopReason: String?) async throws {
        let now = Date()
        let finished: Date? = status == .completed ? now : nil
        try await client.query(
            "UPDATE quorum_run SET status = \(status.rawValue), stop_reason = \(stopReason), updated_at = \(now), finished_at = \(finished) WHERE id = \(id)",
            logger: logger)
    }

    public func run(_ id: String) async throws -> RunRecord? {
        try await runs(where: "WHERE id = \(id)").first
    }

    public func runs() async throws -> [RunRecord] {
        try await runs(where: "")
    }

    private func runs(where condition: PostgresQuery) async throws -> [RunRecord] {
        var query: PostgresQuery = "SELECT \(unescaped: PostgresRunRow.columns) FROM quorum_run "
        query.sql += condition.sql + " ORDER BY created_at DESC, id DESC"
        query.binds = condition.binds
        var runs: [RunRecord] = []
        for try await row in try await client.query(query, logger: logger) { runs.append(try PostgresRunRow.record(row)) }
        return runs
    }

    public func items(ofRun id: String) async throws -> [ItemRecord] {
        let rows = try await client.query(
            "SELECT \(unescaped: PostgresItemRow.columns) FROM quorum_item WHERE run_id = \(id) ORDER BY seq", logger: logger)
        let decoder = JSONDecoder()
        var items: [ItemRecord] = []
        for try await row in rows { items.append(try PostgresItemRow.record(row, decoder: decoder)) }
        return items
    }

    public func item(ofRun id: String, system: String, itemID: String) async throws -> ItemRecord? {
        let rows = try await client.query(
            "SELECT \(unescaped: PostgresItemRow.columns) FROM quorum_item WHERE run_id = \(id) AND system = \(system) AND item_id = \(itemID)",
            logger: logger)
        for try await row in rows { return try PostgresItemRow.record(row, decoder: JSONDecoder()) }
        return nil
    }

    public func save(_ item: ItemRecord) async throws {
        let row = try PostgresItemRow(item)
        // Calls already journaled are kept as they are; failed calls are never stored for replay.
        let calls = try (item.trace?.calls ?? []).filter { $0.error == nil && !$0.replayed }.map {
            try PostgresCallRow(runID: item.runID, system: item.system, itemID: item.itemID, call: $0)
        }
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query(row.upsert(), logger: logger)
            for call in calls { try await connection.query(call.insert(replacing: false), logger: logger) }
            // Intents of calls that failed: the pair is done, nothing of it is in flight any more.
            try await connection.query(
                "DELETE FROM quorum_call_intent WHERE run_id = \(item.runID) AND system = \(item.system) AND item_id = \(item.itemID)",
                logger: logger)
        }
    }

    public func journal(run: String, system: String, item: String, replaying: Bool) async throws -> any CallJournal {
        var stored: [String: CallRecord] = [:]
        if replaying {
            let rows = try await client.query(
                "SELECT record FROM quorum_call WHERE run_id = \(run) AND system = \(system) AND item_id = \(item)", logger: logger)
            let decoder = JSONDecoder()
            for try await data in rows.decode(Data.self) {
                let call = try decoder.decode(CallRecord.self, from: data)
                stored[call.key] = call
            }
        }
        return PostgresCallJournal(store: self, runID: run, system: system, itemID: item, stored: stored)
    }

    public func pairsWithCalls(ofRun id: String) async throws -> Set<PairKey> {
        var pairs: Set<PairKey> = []
        let rows = try await client.query("SELECT DISTINCT system, item_id FROM quorum_call WHERE run_id = \(id)", logger: logger)
        for try await (system, item) in rows.decode((String, String).self) { pairs.insert(PairKey(system: system, item: item)) }
        return pairs
    }

    /// Read from the ledger the engine keeps with every stored call (one row per model).
    public func spending(ofRun id: String) async throws -> RunSpending {
        var spending = RunSpending()
        let rows = try await client.query(
            "SELECT model, calls, spent::text FROM quorum_ledger WHERE run_id = \(id) AND calls > 0", logger: logger)
        for try await (model, calls, spent) in rows.decode((String, Int, String).self) {
            spending.spent += USD(string: spent) ?? .zero
            spending.callsByModel[model, default: 0] += calls
        }
        return spending
    }

    /// A PostgreSQL error in one line: the server's message, not postgres-nio's debug dump (which
    /// may show the query).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// The journal of one (run, system, item): stored calls loaded once, new ones written at once.
struct PostgresCallJournal: CallJournal {
    let store: PostgresRunStore
    let runID: String
    let system: String
    let itemID: String
    let stored: [String: CallRecord]

    func replay(_ key: String) async throws -> CallRecord? { stored[key] }

    func begin(_ key: String, model: String) async throws {
        try await store.client.query(
            """
            INSERT INTO quorum_call_intent (run_id, system, item_id, key, model, started_at) VALUES \
            (\(runID), \(system), \(itemID), \(key), \(model), \(Date())) ON CONFLICT (run_id, system, item_id, key) \
            DO UPDATE SET model = EXCLUDED.model, started_at = EXCLUDED.started_at
            """,
            logger: store.logger)
    }

    func record(_ call: CallRecord) async throws {
        let row = try PostgresCallRow(runID: runID, system: system, itemID: itemID, call: call)
        try await store.client.query(row.insert(replacing: true), logger: store.logger)
    }
}
