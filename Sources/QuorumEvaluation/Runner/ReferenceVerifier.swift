import Foundation
import QuorumCore
import QuorumOrchestration

/// A scorer with no LLM: compares the answer with the item's reference.
///
/// Kinds: `exact`, `normalized` (case, punctuation and spacing ignored), `contains` (the normalized
/// reference appears in the answer), `numeric` (the last number in the answer equals the reference
/// within `tolerance`), and `auto` (numeric when the reference is a number, else contains).
/// Items without a reference are left unscored.
public struct ReferenceVerifier: Scorer {
    public enum Kind: String, Sendable, CaseIterable { case exact, normalized, contains, numeric, auto }

    public var kind: Kind
    public var tolerance: Double
    public var measure: QualityMeasure { .accuracy }
    public var label: String { "verifier:\(kind.rawValue)" }

    public init(kind: Kind = .auto, tolerance: Double = 1e-6) {
        self.kind = kind
        self.tolerance = tolerance
    }

    public func score(_ answer: Answer, for question: Question, in context: RunContext) async throws -> ItemScore {
        guard let reference = question.reference else {
            let verdict = VerdictRecord(judge: label, score: nil, passed: false, reasoning: "no reference answer")
            return ItemScore(score: nil, passed: nil, trace: TraceNode(kind: .verdict, label: label, verdict: verdict))
        }
        let passed = verify(answer.text, against: reference)
        let verdict = VerdictRecord(
            judge: label, score: passed ? 1 : 0, passed: passed, label: passed ? "correct" : "incorrect",
            reasoning: "reference: \(reference)")
        return ItemScore(score: passed ? 1 : 0, passed: passed, trace: TraceNode(kind: .verdict, label: label, verdict: verdict))
    }

    func verify(_ text: String, against reference: String) -> Bool {
        switch kind {
        case .exact: text.trimmingCharacters(in: .whitespacesAndNewlines) == reference.trimmingCharacters(in: .whitespacesAndNewlines)
        case .normalized: Self.normalize(text) == Self.normalize(reference)
        case .contains: Self.normalize(text).contains(Self.normalize(reference))
        case .numeric: numericMatch(text, reference)
        case .auto: Double(reference.trimmingCharacters(in: .whitespaces)) != nil
            ? numericMatch(text, reference) : Self.containsWords(Self.normalize(text), Self.normalize(reference))
        }
    }

    private func numericMatch(_ text: String, _ reference: String) -> Bool {
        guard let expected = Double(reference.trimmingCharacters(in: .whitespaces)),
            let found = Self.numbers(in: text).last
        else { return false }
        return abs(found - expected) <= tolerance
    }

    static func normalize(_ text: String) -> String {
        let kept = text.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " }
        return String(kept).split(separator: " ").joined(separator: " ")
    }

    /// Word-boundary containment, so `4` is not found inside `14`.
    static func containsWords(_ text: String, _ words: String) -> Bool {
        guard !words.isEmpty else { return false }
        return " \(text) ".contains(" \(words) ")
    }

    static func numbers(in text: String) -> [Double] {
        var numbers: [Double] = []
        var current = ""
        for character in text + " " {
            if character.isNumber || (character == "." && !current.isEmpty) || (character == "-" && current.isEmpty) {
                current.append(character)
            } else if character == ",", !current.isEmpty {
                continue
            } else {
                if let value = Double(current.hasSuffix(".") ? String(current.dropLast()) : current) { numbers.append(value) }
                current = ""
            }
        }
        return numbers
    }
}
