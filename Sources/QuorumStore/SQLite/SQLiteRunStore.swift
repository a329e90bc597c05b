import Foundation
import GRDB
import QuorumCore
import QuorumOrchestration

/// The embedded run store: one SQLite file in WAL mode, opened through GRDB.
///
/// Crash safety: every write is one transaction, and with WAL and `synchronous=NORMAL` a committed
/// transaction survives the process being killed (only a power loss may drop the last ones).
/// Each successful call is journaled as soon as it returns, so a `kill -9` loses at most the calls
/// in flight.
public struct SQLiteRunStore: RunStore {
    /// `package`: CoEval keeps its tables in the same file and writes them through this pool.
    package let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the store at `path` and applies pending migrations.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            pool = try Self.retryingRaces { () throws -> DatabasePool in
                let pool = try DatabasePool(path: path, configuration: configuration)
                try SQLiteSchema.migrator.migrate(pool)
                return pool
            }
        } catch {
            throw QuorumError(.store, "cannot open the run store at \(path): \(error)", context: ["file": path])
        }
    }

    /// Runs `open` again when it lost a race with another process opening the same new file
    /// (workers, or a `quorum runs` beside a run): switching a new file to WAL can fail as locked
    /// whatever the busy timeout, and GRDB reads which migrations are applied before each one's
    /// transaction, so the loser fails on `grdb_migrations`' unique key or on a table the winner just
    /// made. Its transaction rolled back; opening again finds the migrations applied.
    static func retryingRaces<Opened>(attempts: Int = 6, _ open: () throws -> Opened) throws -> Opened {
        for attempt in 1... {
            do {
                return try open()
            } catch let error as DatabaseError
                where attempt < attempts && [.SQLITE_CONSTRAINT, .SQLITE_ERROR, .SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode)
            {
                usleep(useconds_t(25_000 * attempt))
            }
        }
        fatalError("unreachable: the last attempt returns or throws")
    }

    public func createRun(_ run: RunRecord, items: [ItemRecord]) async throws {
        let encoder = JSONEncoder()
        let rows = try items.map { try ItemRow($0, encoder: encoder) }
        try await pool.write { db in
            try RunRow(run).insert(db)
            for row in rows { try row.insert(db) }
        }
    }

    public func addMissingItems(_ items: [ItemRecord]) async throws {
        let encoder = JSONEncoder()
        let rows = try items.map { try ItemRow($0, encoder: encoder) }
        try await pool.write { db in
            for row in rows { try row.insert(db, onConflict: .ignore) }
        }
    }

    public func updateRun(_ id: String, status: RunStatus, stopReason: String?) async throws {
        try await pool.write { db in
            let now = Date()
            try db.execute(
                sql: "UPDATE run SET status = ?, stopReason = ?, updatedAt = ?, finishedAt = ? WHERE id = ?",
                arguments: [status.rawValue, stopReason, now, status == .completed ? now : nil, id])
        }
    }

    public func run(_ id: String) async throws -> RunRecord? {
        try await pool.read { db in try RunRow.fetchOne(db, key: id)?.record }
    }

    public func runs() async throws -> [RunRecord] {
        try await pool.read { db in
            try RunRow.fetchAll(db, sql: "SELECT * FROM run ORDER BY createdAt DESC, id DESC").map(\.record)
        }
    }

    public func items(ofRun id: String) async throws -> [ItemRecord] {
        let rows = try await pool.read { db in
            try ItemRow.fetchAll(db, sql: "SELECT * FROM item WHERE runID = ? ORDER BY rowid", arguments: [id])
        }
        let decoder = JSONDecoder()
        return try rows.map { try $0.record(decoder: decoder) }
    }

    public func item(ofRun id: String, system: String, itemID: String) async throws -> ItemRecord? {
        let row = try await pool.read { db in
            try ItemRow.fetchOne(db, key: ["runID": id, "system": system, "itemID": itemID])
        }
        return try row?.record(decoder: JSONDecoder())
    }

    public func save(_ item: ItemRecord) async throws {
        let encoder = JSONEncoder()
        let row = try ItemRow(item, encoder: encoder)
        // Calls already journaled are kept as they are; failed calls are never stored for replay.
        let calls = try (item.trace?.calls ?? []).filter { $0.error == nil && !$0.replayed }.map {
            try CallRow(runID: item.runID, system: item.system, itemID: item.itemID, call: $0, encoder: encoder)
        }
        try await pool.write { db in
            try row.save(db)
            for call in calls { try call.insert(db, onConflict: .ignore) }
        }
    }

    public func journal(run: String, system: String, item: String, replaying: Bool) async throws -> any CallJournal {
        guard replaying else {
            return SQLiteCallJournal(pool: pool, runID: run, system: system, itemID: item, stored: [:])
        }
        let rows = try await pool.read { db in
            try Data.fetchAll(
                db, sql: "SELECT record FROM call WHERE runID = ? AND system = ? AND itemID = ?",
                arguments: [run, system, item])
        }
        let decoder = JSONDecoder()
        var stored: [String: CallRecord] = [:]
        for data in rows {
            let call = try decoder.decode(CallRecord.self, from: data)
            stored[call.key] = call
        }
        return SQLiteCallJournal(pool: pool, runID: run, system: system, itemID: item, stored: stored)
    }

    public func pairsWithCalls(ofRun id: String) async throws -> Set<PairKey> {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT DISTINCT system, itemID FROM call WHERE runID = ?", arguments: [id])
            return Set(rows.map { PairKey(system: $0["system"], item: $0["itemID"]) })
        }
    }

    public func spending(ofRun id: String) async throws -> RunSpending {
        let rows = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT model, cost FROM call WHERE runID = ?", arguments: [id])
                .map { (model: $0["model"] as String, cost: $0["cost"] as String) }
        }
        var spending = RunSpending()
        for row in rows {
            spending.spent += USD(string: row.cost) ?? .zero
            spending.callsByModel[row.model, default: 0] += 1
        }
        return spending
    }
}

/// The journal of one (run, system, item): stored calls loaded once, new ones written at once.
struct SQLiteCallJournal: CallJournal {
    /// `package`: CoEval keeps its tables in the same file and writes them through this pool.
    package let pool: DatabasePool
    let runID: String
    let system: String
    let itemID: String
    let stored: [String: CallRecord]

    func replay(_ key: String) async throws -> CallRecord? { stored[key] }

    func record(_ call: CallRecord) async throws {
        let row = try CallRow(runID: runID, system: system, itemID: itemID, call: call, encoder: JSONEncoder())
        try await pool.write { db in try row.insert(db, onConflict: .replace) }
    }
}
