/// A majority vote over extracted answers; ties go to the answer seen first.
public struct Vote: Sendable, Hashable {
    /// Distinct extracted answers in order of first appearance, with their counts.
    public private(set) var counts: [(value: String, count: Int)] = []
    /// For each distinct answer, the first full text that produced it.
    public private(set) var firstTexts: [String: String] = [:]

    public init(texts: [String], extractor: AnswerExtractor) {
        for text in texts {
            // An answer with nothing extractable votes as itself, so it never merges with others.
            let value = extractor.extract(text) ?? "\u{0}" + text
            if let index = counts.firstIndex(where: { $0.value == value }) {
                counts[index].count += 1
            } else {
                counts.append((value, 1))
                firstTexts[value] = text
            }
        }
    }

    public static func == (lhs: Vote, rhs: Vote) -> Bool {
        lhs.counts.elementsEqual(rhs.counts) { $0 == $1 } && lhs.firstTexts == rhs.firstTexts
    }

    public func hash(into hasher: inout Hasher) {
        for (value, count) in counts {
            hasher.combine(value)
            hasher.combine(count)
        }
    }

    /// The highest count.
    public var topCount: Int { counts.map(\.count).max() ?? 0 }

    /// Every answer with the highest count, in order of first appearance.
    public var leaders: [String] { counts.filter { $0.count == topCount }.map(\.value) }

    /// The winning extracted answer (first seen among the leaders).
    public var winner: String? { leaders.first }

    /// The first full text that gave the winning answer.
    public var winningText: String? { winner.flatMap { firstTexts[$0] } }

    /// `42×3, 41×2`.
    public var summary: String {
        counts.map { "\($0.value.hasPrefix("\u{0}") ? "(none)" : $0.value)×\($0.count)" }.joined(separator: ", ")
    }
}
