import Foundation
import GRDB

extension SQLiteRunStore: JudgmentStore {
    public func saveJudgments(_ judgments: [Judgment]) async throws {
        let rows = try judgments.map(JudgmentRow.init)
        try await pool.write { db in
            for row in rows { try db.execute(sql: JudgmentRow.upsert, arguments: row.arguments) }
        }
    }

    public func judgments(ofRun id: String) async throws -> [Judgment] {
        let rows = try await pool.read { db in
            try JudgmentRow.fetchAll(db, sql: "SELECT * FROM judgment WHERE runID = ? ORDER BY rowid", arguments: [id])
        }
        return try rows.map { try $0.judgment() }
    }
}

/// The judgment table: migration `102-judgments` of the store's one migrator.
enum JudgmentSchema {
    static func create(_ db: Database) throws {
        try db.create(table: "judgment") { table in
            table.column("runID", .text).notNull().references("run", onDelete: .cascade)
            table.column("system", .text).notNull()
            table.column("itemID", .text).notNull()
            table.column("judge", .text).notNull()
            table.column("kind", .text).notNull()
            table.column("rubric", .text).notNull()
            table.column("scores", .text).notNull()
            table.column("flags", .text).notNull()
            table.column("composite", .double).notNull()
            table.column("comment", .text)
            table.column("candidateSHA256", .text).notNull()
            table.column("judgedAt", .datetime).notNull()
            table.primaryKey(["runID", "system", "itemID", "judge"])
        }
    }
}

/// A `judgment` row (PostgreSQL's `quorum_judgment` has the same columns): scores and flags as
/// JSON with sorted keys, so equal judgments are equal text and a re-save can be recognised.
struct JudgmentRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "judgment"
    var runID: String
    var system: String
    var itemID: String
    var judge: String
    var kind: String
    var rubric: String
    var scores: String
    var flags: String
    var composite: Double
    var comment: String?
    var candidateSHA256: String
    var judgedAt: Date

    /// What a judgment says (everything but its key and `judgedAt`): a stored judgment is
    /// replaced only when one of these differs.
    static let contentColumns = ["kind", "rubric", "scores", "flags", "composite", "comment", "candidateSHA256"]

    static let upsert = """
        INSERT INTO judgment (runID, system, itemID, judge, \(contentColumns.joined(separator: ", ")), judgedAt) \
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (runID, system, itemID, judge) DO UPDATE SET \
        \((contentColumns + ["judgedAt"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")) \
        WHERE \(contentColumns.map { "judgment.\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
        """

    /// The values in `upsert`'s order.
    var arguments: StatementArguments {
        [runID, system, itemID, judge, kind, rubric, scores, flags, composite, comment, candidateSHA256, judgedAt]
    }

    func judgment() throws -> Judgment {
        let decoder = JSONDecoder()
        return Judgment(
            runID: runID, system: system, itemID: itemID, judge: judge, kind: JudgmentKind(rawValue: kind) ?? .human,
            rubric: rubric, scores: try decoder.decode([String: Double].self, from: Data(scores.utf8)),
            flags: try decoder.decode([String: Bool].self, from: Data(flags.utf8)), composite: composite, comment: comment,
            candidateSHA256: candidateSHA256, judgedAt: judgedAt)
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension JudgmentRow {
    init(_ judgment: Judgment) throws {
        runID = judgment.runID
        system = judgment.system
        itemID = judgment.itemID
        judge = judgment.judge
        kind = judgment.kind.rawValue
        rubric = judgment.rubric
        scores = try Self.json(judgment.scores)
        flags = try Self.json(judgment.flags)
        composite = judgment.composite
        comment = judgment.comment
        candidateSHA256 = judgment.candidateSHA256
        judgedAt = judgment.judgedAt
    }
}
