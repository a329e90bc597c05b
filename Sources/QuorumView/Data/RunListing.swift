import QuorumCore
import QuorumEvaluation
import QuorumStore

/// One run as the runs list shows it: the record and what its items add up to.
struct RunListing: Sendable {
    var run: RunRecord
    var summary: RunSummary

    /// Every stored run, newest first (the store's order), each summarized from its items.
    static func all(in store: any RunStore) async throws -> [RunListing] {
        var listings: [RunListing] = []
        for run in try await store.runs() {
            try Task.checkCancellation()
            listings.append(RunListing(run: run, summary: RunSummary(run: run, items: try await store.items(ofRun: run.id))))
        }
        return listings
    }

    /// What the run has spent so far: every system's answers and judging.
    var spend: USD { summary.systems.map(\.totalCost).sum() }
    var answered: Int { summary.systems.map(\.answered).reduce(0, +) }
    var pairs: Int { summary.systems.map(\.items).reduce(0, +) }

    /// `small 75% · large 92%`: each system's accuracy, else its mean score.
    var quality: String {
        let parts = summary.systems.compactMap { system -> String? in
            if let accuracy = system.accuracy { return "\(system.system) \(HTMLText.percent(accuracy, digits: 0))" }
            if let score = system.meanScore { return "\(system.system) score \(HTMLText.number(score))" }
            return nil
        }
        return parts.isEmpty ? "–" : parts.joined(separator: " · ")
    }
}
