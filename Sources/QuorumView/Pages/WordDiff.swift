import QuorumEvaluation

/// Marks what two answers do not share, word by word (a longest common subsequence of words), so
/// a reader's eye goes straight to where two systems differ.
enum WordDiff {
    /// Past this many (left word × right word) comparisons the answers are shown unmarked: the
    /// table it needs grows with the product, and two essays rarely share a useful alignment.
    static let maximumComparisons = 250_000

    /// Both texts as HTML, words only `left` has marked `removed` and words only `right` has
    /// marked `added`; `nil` when they are too long to compare.
    static func marked(_ left: String, _ right: String) -> (left: String, right: String)? {
        let a = tokens(left), b = tokens(right)
        guard a.count * b.count <= maximumComparisons else { return nil }
        let width = b.count + 1
        // common[i * width + j]: the longest common subsequence of a[i...] and b[j...].
        var common = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i * width + j] = a[i] == b[j] ? common[(i + 1) * width + j + 1] + 1 : max(common[(i + 1) * width + j], common[i * width + j + 1])
            }
        }
        var keptA = [Bool](repeating: false, count: a.count), keptB = [Bool](repeating: false, count: b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                keptA[i] = true
                keptB[j] = true
                i += 1
                j += 1
            } else if common[(i + 1) * width + j] >= common[i * width + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return (render(a, kept: keptA, as: "removed"), render(b, kept: keptB, as: "added"))
    }

    /// Runs of spaces and runs of other characters, alternating: spacing is kept as written.
    static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = text.startIndex
        for index in text.indices.dropFirst() where text[index].isWhitespace != text[text.index(before: index)].isWhitespace {
            tokens.append(text[start..<index])
            start = index
        }
        if start < text.endIndex { tokens.append(text[start...]) }
        return tokens
    }

    private static func render(_ tokens: [Substring], kept: [Bool], as mark: String) -> String {
        zip(tokens, kept).map { token, isKept in
            let text = HTMLText.escape(String(token))
            return isKept || token.first?.isWhitespace == true ? text : "<mark class=\"\(mark)\">\(text)</mark>"
        }.joined()
    }
}
