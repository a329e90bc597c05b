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
            selected = Self.sampledIndices(count: selected.count, n: sample.n, seed: sample.seed).map { selected[$0] }
        }
        if let limit, limit >= 0, limit < selected.count { selected = Array(selected.prefix(limit)) }
        return selected
    }

    /// `n` of `0..<count` drawn with `seed`, in ascending order: the same arguments always give the same indices.
    static func sampledIndices(count: Int, n: Int, seed: Int?) -> [Int] {
        guard n < count else { return Array(0..<count) }
        var generator = SeededRandom(seed: UInt64(bitPattern: Int64(seed ?? 0)))
        var indices = Array(0..<count)
        // A partial Fisher–Yates shuffle draws n indices; sorting them keeps the file's order.
        for position in 0..<n {
            let other = position + Int(generator.next() % UInt64(count - position))
            indices.swapAt(position, other)
        }
        return indices.prefix(max(0, n)).sorted()
    }
}
