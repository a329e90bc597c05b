import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// Everything the run page draws, read live from the store: the comparison the report is made
/// from, the leaderboard when the run was judged with a rubric, and how far people's judging is.
struct RunView: Sendable {
    var source: ComparisonSource
    var comparison: RunComparison
    var leaderboard: Leaderboard?
    var progress: RunJudging.Progress?
    var categories: [String: String]

    /// `nil` when the store has no run `id`.
    static func load(_ id: String, from store: any RunStore, categories: ItemCategories) async throws -> RunView? {
        guard try await store.run(id) != nil else { return nil }
        let source = try await ComparisonSource.load(id, from: store)
        let options = try ComparisonOptions(
            config: source.configSnapshot, run: source.run, baseline: nil, judge: nil, referenceModel: nil)
        let judging = RunJudging(store: store)
        // A run with no rubric has neither; that is not an error here.
        let progress = try? await judging.progress(runID: id)
        let board = progress == nil ? nil : try? await judging.leaderboard(runID: id)
        return RunView(
            source: source, comparison: source.comparison(options), leaderboard: board?.rows.isEmpty == false ? board : nil,
            progress: progress, categories: await categories.of(source.run, itemIDs: source.items.map(\.itemID)))
    }

    var run: RunRecord { source.run }
    var report: HTMLReport { HTMLReport(comparison: comparison, source: source, leaderboard: leaderboard) }

    /// The stored configuration, indented; secrets were replaced by `<redacted>` before it was stored.
    var configText: String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(run.configSnapshot.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        else { return run.configSnapshot }
        return String(decoding: data, as: UTF8.self)
    }
}
