import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumStore

/// `quorum compare`'s judging on a real PostgreSQL store: verdicts stored as the judge returns
/// them, read back equal, never paid for twice, and the comparison they give the same as SQLite's.
@Suite("PostgreSQL pairwise verdicts (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct PostgresPairwiseLiveTests {
    /// Systems `base` and `alt` over 4 items, answered: `alt` well ("good …") on every item, `base`
    /// badly on items 0–2 and well on item 3.
    static func answeredRun(in store: any RunStore) async throws -> (runID: String, items: [ItemRecord]) {
        let runID = try await PostgresStoreLiveTests.createRun(store, items: PostgresStoreLiveTests.items(4), systems: ["base", "alt"])
        var saved: [ItemRecord] = []
        for var item in try await store.items(ofRun: runID) {
            let index = Int(item.itemID.dropFirst()) ?? 0
            let good = item.system == "alt" || index == 3
            item.status = .answered
            item.answer = good ? "good answer \(index)" : "bad \(index)"
            item.passed = good
            try await store.save(item)
            saved.append(item)
        }
        return (runID, saved)
    }

    /// Prefers whichever answer says "good", strongly over one that says "bad"; ties otherwise.
    static func judgeModel(log: CallLog) -> ScriptedModel {
        ScriptedModel("judge", log: log) { request, _ in
            let prompt = request.messages.last?.content ?? ""
            let parts = prompt.components(separatedBy: "\nB: ")
            switch (parts.first?.contains("good") == true, parts.last?.contains("good") == true) {
            case (true, false): return "A is right. [[A>>B]]"
            case (false, true): return "B is right. [[B>A]]"
            default: return "Same. [[A=B]]"
            }
        }
    }

    static let judge = PairwiseJudge(name: "arena", model: "judge", prompt: "Q: {question}\nA: {answer_a}\nB: {answer_b}")

    /// Judges the run in `store` twice; returns the verdicts and the comparison, after checking
    /// that the second pass asked the judge nothing.
    static func judgeTwice(_ store: any RunStore & PairwiseVerdictStore) async throws -> ([PairwiseVerdict], RunComparison) {
        let (runID, items) = try await answeredRun(in: store)
        let log = CallLog()
        let judging = PairwiseJudging(store: store, judge: judge, models: ["judge": judgeModel(log: log)], concurrency: 3)
        let first = try await judging.judgeMissing(runID: runID, items: items, baseline: "base")
        #expect(first.complete == 4 && first.newGames == 8 && first.failures.isEmpty)
        let again = try await judging.judgeMissing(runID: runID, items: items, baseline: "base")
        #expect(again.newGames == 0 && again.complete == 4)
        #expect(await log.entries.count == 8)
        let source = try await ComparisonSource.load(runID, from: store)
        return (source.verdicts, source.comparison(ComparisonOptions(baseline: "base")))
    }

    @Test("verdicts round trip through PostgreSQL, resume without a second judge call, and compare as on SQLite")
    func judgesAndCompares() async throws {
        try await PostgresServerProcess.with { server in
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            let folder = NSTemporaryDirectory() + "quorum-pairwise-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (verdicts, comparison) = try await Self.judgeTwice(postgres)
            #expect(verdicts.count == 8 && Set(verdicts.map(\.order)) == [.systemFirst, .baselineFirst])
            let swapped = try #require(verdicts.first { $0.itemID == "q0" && $0.order == .baselineFirst })
            #expect(swapped.label == .betterB && swapped.labelForSystem == .betterA)
            #expect(swapped.call.response == "B is right. [[B>A]]" && swapped.call.cost == USD(string: "0.001")!)
            let record = try #require(comparison.system("alt")?.pairwise)
            #expect(record.wins == 3 && record.ties == 1 && record.losses == 0 && record.judged == 4)

            let (sqliteVerdicts, sqliteComparison) = try await Self.judgeTwice(try SQLiteRunStore(path: folder + "/runs.db"))
            let sqliteRecord = try #require(sqliteComparison.system("alt")?.pairwise)
            #expect(sqliteRecord.wins == record.wins && sqliteRecord.ties == record.ties && sqliteRecord.losses == record.losses)
            #expect(sqliteRecord.score == record.score)
            func games(_ verdicts: [PairwiseVerdict]) -> [String] {
                verdicts.map { "\($0.system)/\($0.itemID)/\($0.order.rawValue)/\($0.label?.rawValue ?? "-")/\($0.call.response)" }.sorted()
            }
            #expect(games(verdicts) == games(sqliteVerdicts))

            // Saving a verdict of the same key replaces it; the run keeps 8.
            var replaced = swapped
            replaced.call.response = "On reflection, [[A=B]]"
            replaced.label = .tie
            try await postgres.save(replaced)
            let stored = try await postgres.pairwiseVerdicts(ofRun: swapped.runID)
            #expect(stored.count == 8 && stored.first { $0.itemID == "q0" && $0.order == .baselineFirst }?.label == .tie)
        }
    }
}
