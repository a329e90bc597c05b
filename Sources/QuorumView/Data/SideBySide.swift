import QuorumCore
import QuorumEvaluation
import QuorumStore

/// Two systems' answers to the same items: two systems of one run, or one system of each of two
/// runs. Items are matched by id.
struct SideBySide: Sendable {
    /// One column: a system of a run, and its records by item id.
    struct Side: Sendable {
        var run: RunRecord
        var system: String
        var records: [String: ItemRecord]

        var answered: Int { records.values.count { $0.status == .answered } }
        var accuracy: Double? {
            let verdicts = records.values.compactMap(\.correct)
            return verdicts.isEmpty ? nil : Double(verdicts.count { $0 }) / Double(verdicts.count)
        }
        var cost: USD { records.values.map(\.totalCost).sum() }
    }

    struct Row: Sendable {
        var itemID: String
        var prompt: String
        var left: ItemRecord?
        var right: ItemRecord?

        /// One side judged right and the other wrong.
        var correctnessDiffers: Bool {
            guard let left = left?.correct, let right = right?.correct else { return false }
            return left != right
        }

        var answersDiffer: Bool { left?.answer != right?.answer }
    }

    var left: Side
    var right: Side
    /// In the left run's item order, then items only the right run has.
    var rows: [Row]

    /// Run `a` (system `as`) against run `b` (default `a`; system `bs`). A system left out is
    /// the run's baseline, or on the right of a single run the next system after the left one.
    /// Throws `ViewNotFound` naming a run or system that is not there.
    static func load(
        a: String, system leftSystem: String?, b: String?, system rightSystem: String?, from store: any RunStore
    ) async throws -> SideBySide {
        guard let leftRun = try await store.run(a) else { throw ViewNotFound("no run '\(a)' in this store") }
        var rightRun = leftRun
        if let b, b != a {
            guard let found = try await store.run(b) else { throw ViewNotFound("no run '\(b)' in this store") }
            rightRun = found
        }
        let first = leftSystem ?? leftRun.baseline ?? leftRun.systems.first ?? ""
        let second = rightSystem
            ?? (rightRun.id == leftRun.id ? rightRun.systems.first { $0 != first } : rightRun.baseline ?? rightRun.systems.first) ?? first
        for (run, system) in [(leftRun, first), (rightRun, second)] where !run.systems.contains(system) {
            throw ViewNotFound("run \(run.id) has no system '\(system)' (it has \(run.systems.joined(separator: ", ")))")
        }
        let leftItems = try await store.items(ofRun: leftRun.id).filter { $0.system == first }
        let rightItems = try await store.items(ofRun: rightRun.id).filter { $0.system == second }
        let rightByID = Dictionary(rightItems.map { ($0.itemID, $0) }, uniquingKeysWith: { a, _ in a })
        let leftByID = Dictionary(leftItems.map { ($0.itemID, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = leftItems.sorted { $0.position < $1.position }.map { Row(itemID: $0.itemID, prompt: $0.prompt, left: $0, right: rightByID[$0.itemID]) }
        rows += rightItems.sorted { $0.position < $1.position }.filter { leftByID[$0.itemID] == nil }
            .map { Row(itemID: $0.itemID, prompt: $0.prompt, left: nil, right: $0) }
        return SideBySide(
            left: Side(run: leftRun, system: first, records: leftByID), right: Side(run: rightRun, system: second, records: rightByID),
            rows: rows)
    }
}
