import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumStore

/// Judging files applied to a real PostgreSQL store: judgments stored as SQLite stores them,
/// re-applying changes nothing, a bad cell loses nothing, and `quorum store migrate` copies them.
@Suite("PostgreSQL judgments (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct PostgresJudgmentsLiveTests {
    static let first = Date(timeIntervalSince1970: 1_800_000_000)
    static let later = Date(timeIntervalSince1970: 1_900_000_000)

    /// Applies a file judging all 8 cells of an answered run, the same file again later, then the
    /// file with one cell out of range and another changed; returns the run and what is stored.
    static func applyFiles(_ store: any RunStore & JudgmentStore) async throws -> (runID: String, judgments: [Judgment]) {
        let (runID, items) = try await PostgresPairwiseLiveTests.answeredRun(in: store)
        let run = try #require(try await store.run(runID))
        var file = JudgingExport.file(run: run, items: items, rubric: .tipExample, existing: [], judge: "ana", pendingOnly: false)
        for (index, cell) in file.cells.enumerated() {
            let good: Double = cell.candidate.hasPrefix("good") ? 5 : 2
            file.cells[index].scores = ["relevance": good, "actionability": 3, "tone": 4]
            file.cells[index].flags = ["format_ok": true, "overlong": index.isMultiple(of: 3)]
        }
        let check = JudgingApply.check(data: file.encoded(), items: items, rubric: .tipExample, now: first)
        #expect(check.problems.isEmpty && check.valid.count == 8)
        try await store.saveJudgments(check.valid)
        let stored = try await store.judgments(ofRun: runID)
        #expect(stored == check.valid)

        try await store.saveJudgments(JudgingApply.check(data: file.encoded(), items: items, rubric: .tipExample, now: later).valid)
        #expect(try await store.judgments(ofRun: runID) == stored)

        file.cells[0].scores["relevance"] = 9
        file.cells[1].scores["tone"] = 1
        let second = JudgingApply.check(data: file.encoded(), items: items, rubric: .tipExample, now: later)
        #expect(second.problems.map(\.description) == ["$.cells[0].scores.relevance: must be between 1 and 5, found 9"])
        try await store.saveJudgments(second.valid)
        let after = try await store.judgments(ofRun: runID)
        #expect(after.count == 8 && after[0] == stored[0] && Array(after[2...]) == Array(stored[2...]))
        #expect(after[1].scores["tone"] == 1 && after[1].composite == stored[1].composite - 3 && after[1].judgedAt == later)
        return (runID, after)
    }

    @Test("judgments round trip through PostgreSQL as through SQLite, and store migrate copies them once")
    func judgmentsRoundTrip() async throws {
        try await PostgresServerProcess.with { server in
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            let folder = NSTemporaryDirectory() + "quorum-judgments-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let sqlite = try SQLiteRunStore(path: folder + "/runs.db")
            let onPostgres = try await Self.applyFiles(postgres)
            let onSQLite = try await Self.applyFiles(sqlite)
            func content(_ judgments: [Judgment]) -> [String] {
                judgments.map { judgment in
                    let scores = judgment.scores.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    let flags = judgment.flags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    return "\(judgment.system)/\(judgment.itemID)/\(judgment.judge)/\(scores)/\(flags)/\(judgment.composite)/\(judgment.judgedAt)"
                }
            }
            #expect(content(onPostgres.judgments).sorted() == content(onSQLite.judgments).sorted())

            let migration = StoreMigration(from: sqlite, to: postgres)
            let copied = try await migration.copy(runs: [onSQLite.runID])
            #expect(copied.judgments == 8)
            #expect(try await postgres.judgments(ofRun: onSQLite.runID) == onSQLite.judgments)
            let again = try await migration.copy(runs: [onSQLite.runID])
            #expect(again.judgments == 0 && again.copied == 0)
        }
    }
}
