import Foundation

/// Regular expressions compiled once: compiling one costs more than a whole system call, and
/// extraction and judge parsing run for every sample and verdict.
enum Patterns {
    /// The last number in a text: `1,234.5`, `-3`, `2e3`, `.5`.
    static let number = compile(#"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|-?\.\d+"#)
    /// `7/10`, `7 out of 10`.
    static let fraction = compile(#"(\d+(?:\.\d+)?)\s*(?:/|out of)\s*(\d+(?:\.\d+)?)"#)
    /// `Score: 7`, `rating = 0.8`, `Score: **[7]`.
    static let labelledScore = compile(#"(?i)(?:score|rating)\s*[:=]?\s*\**\s*\[*\s*(-?\d+(?:\.\d+)?)"#)
    /// MT-Bench style `[[7]]`.
    static let bracketedScore = compile(#"\[\[(\d+(?:\.\d+)?)\]\]"#)
    /// Arena-Hard verdict labels, double then single brackets.
    static let pairwiseLabels = [compile(#"\[\[([AB<>=]+)\]\]"#), compile(#"\[([AB<>=]+)\]"#)]
    /// Where an answer commits to an option letter, most explicit first.
    static let choices = [
        compile(#"(?i)answer\s*(?:is|:)?\s*[:\-]?\s*\(?\**\s*([A-D])\b"#),
        compile(#"(?i)option\s*\(?([A-D])\b"#),
        compile(#"\*\*\(?([A-D])\)?\*\*"#),
        compile(#"^\s*\(?([A-D])[\).:]"#),
        compile(#"\(([A-D])\)"#),
    ]

    private static func compile(_ pattern: String) -> NSRegularExpression {
        // The patterns are literals above; a typo is a programming error caught by the tests.
        try! NSRegularExpression(pattern: pattern)
    }
}

/// The first capture group of `regex` in `text`.
func firstCapture(_ regex: NSRegularExpression, in text: String) -> String? {
    guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
        match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text)
    else { return nil }
    return String(text[range])
}

/// Every first capture group of `regex` in `text`.
func allCaptures(_ regex: NSRegularExpression, in text: String) -> [String] {
    regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
}
