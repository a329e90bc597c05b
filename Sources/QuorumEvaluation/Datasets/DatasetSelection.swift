import QuorumCore
import QuorumOrchestration

/// `sample: {n, seed}` then `limit`: which of the loaded items a run uses.
///
/// Sampling is seeded and keeps the dataset's order, so the same config always picks the same
/// items in the same order, and `--continue` finds them again.
struct DatasetSelection: Sendable {
    var sample: SampleConfig?
    var limit: Int?

    func apply(to items: [DatasetItem]) -> [DatasetItem] {
        var selected = items
        if let sample, sample.n < selected.count {
            var generator = SeededRandom(seed: UInt64(bitPattern: Int64(sample.seed ?? 0)))
            var indices = Array(selected.indices)
            // A partial Fisher–Yates shuffle draws n indices; sorting them keeps the file's order.
            for position in 0..<sample.n {
                let other = position + Int(generator.next() % UInt64(indices.count - position))
                indices.swapAt(position, other)
            }
            selected = indices.prefix(max(0, sample.n)).sorted().map { selected[$0] }
        }
        if let limit, limit >= 0, limit < selected.count { selected = Array(selected.prefix(limit)) }
        return selected
    }
}
