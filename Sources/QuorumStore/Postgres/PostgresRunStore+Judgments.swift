import Foundation
import PostgresNIO

extension PostgresRunStore: JudgmentStore {
    public func saveJudgments(_ judgments: [Judgment]) async throws {
        let rows = try judgments.map(JudgmentRow.init)
        try await client.withTransaction(logger: logger) { connection in
            for batch in PostgresInsert.batches(rows) {
                try await connection.query(JudgmentRow.postgresUpsert(batch), logger: logger)
            }
        }
    }

    public func judgments(ofRun id: String) async throws -> [Judgment] {
        let rows = try await client.query(
            """
            SELECT system, item_id, judge, kind, rubric, scores, flags, composite, comment, candidate_sha256, judged_at \
            FROM quorum_judgment WHERE run_id = \(id) ORDER BY seq
            """,
            logger: logger)
        var judgments: [Judgment] = []
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let stored = JudgmentRow(
                runID: id, system: try cells["system"].decode(String.self), itemID: try cells["item_id"].decode(String.self),
                judge: try cells["judge"].decode(String.self), kind: try cells["kind"].decode(String.self),
                rubric: try cells["rubric"].decode(String.self), scores: try cells["scores"].decode(String.self),
                flags: try cells["flags"].decode(String.self), composite: try cells["composite"].decode(Double.self),
                comment: try cells["comment"].decode(String?.self),
                candidateSHA256: try cells["candidate_sha256"].decode(String.self),
                judgedAt: try cells["judged_at"].decode(Date.self))
            judgments.append(try stored.judgment())
        }
        return judgments
    }
}

extension JudgmentRow {
    static let postgresColumns = "run_id, system, item_id, judge, kind, rubric, scores, flags, composite, comment, candidate_sha256, judged_at"
    /// `contentColumns` as PostgreSQL names them.
    static let postgresContent = ["kind", "rubric", "scores", "flags", "composite", "comment", "candidate_sha256"]

    /// One INSERT of `rows` into `quorum_judgment` that replaces a stored judgment only when what it says differs.
    static func postgresUpsert(_ rows: some Collection<JudgmentRow>) throws -> PostgresQuery {
        let updates = (postgresContent + ["judged_at"]).map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        let stored = postgresContent.map { "quorum_judgment.\($0)" }.joined(separator: ", ")
        let given = postgresContent.map { "EXCLUDED.\($0)" }.joined(separator: ", ")
        return try postgresInsert(rows, onConflict: "DO UPDATE SET \(updates) WHERE (\(stored)) IS DISTINCT FROM (\(given))")
    }

    /// One INSERT of `rows`; `action` says what a judgment of the same key gets.
    static func postgresInsert(_ rows: some Collection<JudgmentRow>, onConflict action: String) throws -> PostgresQuery {
        try PostgresInsert.rows(
            rows, into: "quorum_judgment", columns: postgresColumns, then: "ON CONFLICT (run_id, system, item_id, judge) \(action)"
        ) { row, binds in
            for text in [row.runID, row.system, row.itemID, row.judge, row.kind, row.rubric, row.scores, row.flags] {
                try binds.append(text)
            }
            try binds.append(row.composite)
            try binds.append(row.comment)
            try binds.append(row.candidateSHA256)
            try binds.append(row.judgedAt)
        }
    }
}
