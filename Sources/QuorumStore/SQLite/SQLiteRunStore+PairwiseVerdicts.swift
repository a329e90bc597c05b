import Foundation
import GRDB
import QuorumOrchestration

extension SQLiteRunStore: PairwiseVerdictStore {
    public func pairwiseVerdicts(ofRun id: String) async throws -> [PairwiseVerdict] {
        let rows = try await pool.read { db in
            try PairwiseVerdictRow.fetchAll(
                db, sql: "SELECT * FROM pairwise_verdict WHERE runID = ? ORDER BY rowid", arguments: [id])
        }
        let decoder = JSONDecoder()
        return try rows.map { try $0.verdict(decoder: decoder) }
    }

    public func save(_ verdict: PairwiseVerdict) async throws {
        let row = try PairwiseVerdictRow(verdict, encoder: JSONEncoder())
        try await pool.write { db in try row.save(db) }
    }
}

/// The pairwise verdict table: migration `101-pairwise-verdicts` of the store's one migrator.
///
/// It once ran on every verdict read and save (a synchronous pass through the migrator each time);
/// its identifier is kept, so stores that already have the table skip it. `ifNotExists` stays for
/// any store whose table exists without that record.
enum PairwiseVerdictSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "pairwise_verdict", options: .ifNotExists) { table in
            table.column("runID", .text).notNull().references("run", onDelete: .cascade)
            table.column("system", .text).notNull()
            table.column("itemID", .text).notNull()
            table.column("baseline", .text).notNull()
            table.column("judge", .text).notNull()
            table.column("ordering", .text).notNull()
            table.column("label", .text)
            table.column("cost", .text).notNull()
            table.column("call", .blob).notNull()
            table.column("createdAt", .datetime).notNull()
            table.primaryKey(["runID", "system", "itemID", "baseline", "judge", "ordering"])
        }
    }
}

/// `pairwise_verdict` row: primitives and the call as JSON.
struct PairwiseVerdictRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "pairwise_verdict"
    var runID: String
    var system: String
    var itemID: String
    var baseline: String
    var judge: String
    var ordering: String
    var label: String?
    var cost: String
    var call: Data
    var createdAt: Date

    init(_ verdict: PairwiseVerdict, encoder: JSONEncoder) throws {
        runID = verdict.runID
        system = verdict.system
        itemID = verdict.itemID
        baseline = verdict.baseline
        judge = verdict.judge
        ordering = verdict.order.rawValue
        label = verdict.label?.rawValue
        cost = verdict.call.cost.exactString
        var stored = verdict.call
        stored.replayed = false
        call = try encoder.encode(stored)
        createdAt = verdict.createdAt
    }

    func verdict(decoder: JSONDecoder) throws -> PairwiseVerdict {
        let record = try decoder.decode(CallRecord.self, from: call)
        return PairwiseVerdict(
            runID: runID, system: system, itemID: itemID, baseline: baseline, judge: judge,
            order: PairwiseOrder(rawValue: ordering) ?? .systemFirst, call: record, createdAt: createdAt)
    }
}
