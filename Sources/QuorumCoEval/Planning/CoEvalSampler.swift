import QuorumCore
import QuorumOrchestration

/// Picks the attribute values item `n` of a teacher is written from.
///
/// Deterministic: the generator is seeded from (seed, task, teacher, n) with a stable hash, so a
/// resumed or extended run samples the same combination for the same item, on any machine.
struct CoEvalSampler: Sendable {
    var seed: Int

    /// `count` attributes (between `range.min` and `range.max`, at most all) in their written order,
    /// each with one of its values.
    func sample(
        _ attributes: [CoEvalAttribute], range: CoEvalRange?, task: String, teacher: String, n: Int, salt: String
    ) -> [String: String] {
        guard !attributes.isEmpty else { return [:] }
        var generator = SeededRandom(seed: Self.stableHash("\(seed)|\(task)|\(teacher)|\(n)|\(salt)"))
        let upper = min(range?.max ?? attributes.count, attributes.count)
        let lower = min(max(range?.min ?? upper, 0), upper)
        let count = Int.random(in: lower...upper, using: &generator)
        let chosen = Array(0..<attributes.count).shuffled(using: &generator).prefix(count).sorted()
        var result: [String: String] = [:]
        for index in chosen {
            let attribute = attributes[index]
            guard let value = attribute.values.randomElement(using: &generator) else { continue }
            result[attribute.name] = value
        }
        return result
    }

    /// FNV-1a over UTF-8: unlike `Hasher`, the same on every run and machine.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
