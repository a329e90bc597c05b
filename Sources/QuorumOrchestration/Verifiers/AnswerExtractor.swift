import Foundation

/// Pulls the final answer out of a model's free text: a number, an option letter, or normalized text.
///
/// Shared by the verifiers, self-consistency voting and the agreement gate, so "the same answer"
/// means the same thing everywhere.
public enum AnswerExtractor: String, Sendable, Hashable, Codable, CaseIterable {
    case number, choice, text
    /// `number` when the text's answer is numeric, else `choice` for a lone option letter, else `text`.
    case auto

    /// The comparable form of `answer`, or `nil` when nothing of the kind is in it.
    public func extract(_ answer: String) -> String? {
        switch self {
        case .number: return AnswerExtractor.lastNumber(in: answer).map(AnswerExtractor.canonical)
        case .choice: return AnswerExtractor.choice(in: answer)
        case .text:
            let normalized = AnswerExtractor.normalize(AnswerExtractor.finalLine(of: answer))
            return normalized.isEmpty ? nil : normalized
        case .auto:
            if let number = AnswerExtractor.number.extract(answer) { return number }
            if let letter = AnswerExtractor.standaloneChoice(answer) { return letter }
            return AnswerExtractor.text.extract(answer)
        }
    }

    /// Lower case, punctuation and the articles a/an/the removed, whitespace collapsed (SQuAD style).
    public static func normalize(_ text: String) -> String {
        let lowered = text.lowercased()
        var kept = ""
        kept.reserveCapacity(lowered.count)
        for scalar in lowered.unicodeScalars {
            if CharacterSet.punctuationCharacters.contains(scalar) || CharacterSet.symbols.contains(scalar) {
                kept.unicodeScalars.append(" ")
            } else {
                kept.unicodeScalars.append(scalar)
            }
        }
        let articles: Set<Substring> = ["a", "an", "the"]
        return kept.split(whereSeparator: \.isWhitespace).filter { !articles.contains($0) }.joined(separator: " ")
    }

    /// The last number written in `text` (`1,234.5`, `-3`, `2e3`), as a `Double`.
    public static func lastNumber(in text: String) -> Double? {
        let matches = Patterns.number.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard let last = matches.last, let range = Range(last.range, in: text) else { return nil }
        return Double(text[range].replacingOccurrences(of: ",", with: ""))
    }

    /// The option letter A–D the text commits to: `answer is (B)`, `**C**`, `D)`, or a lone letter.
    public static func choice(in text: String) -> String? {
        for pattern in Patterns.choices {
            if let letter = firstCapture(pattern, in: text) { return letter.uppercased() }
        }
        return standaloneChoice(text)
    }

    /// A reply that is just a letter, optionally wrapped: `B`, `(B)`, `B.`.
    static func standaloneChoice(_ text: String) -> String? {
        let stripped = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters))
        guard stripped.count == 1, let letter = stripped.first, "ABCDabcd".contains(letter) else { return nil }
        return letter.uppercased()
    }

    /// The last non-empty line, preferring the text after a closing `answer:` marker.
    static func finalLine(of text: String) -> String {
        if let marker = text.range(of: "answer:", options: [.caseInsensitive, .backwards]) {
            let tail = text[marker.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            if !tail.isEmpty { return tail }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `4.0` and `4` vote together.
    static func canonical(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
