import Foundation
import QuorumCore

/// Reads a score judge's reply: the verdict JSON, or a bare `Score: 7` / `7/10` / `[[7]]`.
public struct ScoreParser: Sendable, Hashable {
    /// `1` for scores 0.0–1.0, `10` for 1–10.
    public var scale: Int

    public init(scale: Int = 1) { self.scale = scale }

    /// What could be read from one reply, with the score still on the judge's scale.
    public struct Reading: Sendable, Hashable {
        public var score: Double
        public var verdict: String?
        public var reasoning: String?
        public var feedback: String?
    }

    /// The lowest and highest score the scale allows (a 1–10 judge may still say 0).
    public var range: ClosedRange<Double> { scale == 1 ? 0...1 : 0...Double(scale) }

    /// Parses `text`; throws a `QuorumError(.judge)` saying what was wrong.
    public func parse(_ text: String) throws -> Reading {
        if let object = JSONExtraction.object(in: text) {
            return try reading(from: object, text: text)
        }
        if let score = try bareScore(in: text) {
            return Reading(score: score, verdict: verdictWord(in: text), reasoning: text, feedback: nil)
        }
        throw QuorumError(.judge, "no JSON verdict and no score found in the judge's reply")
    }

    func reading(from object: [String: JSONValue], text: String) throws -> Reading {
        let rawScore = object["score"] ?? object["rating"] ?? object["Score"]
        var score: Double?
        if case .string(let string)? = rawScore, let fraction = fractionScore(in: string) {
            score = fraction
        } else {
            score = rawScore?.looseNumber
        }
        guard let score else {
            if let bare = try bareScore(in: text) {
                return Reading(score: bare, verdict: object["verdict"]?.stringValue, reasoning: nil, feedback: nil)
            }
            throw QuorumError(.judge, "the verdict JSON has no numeric \"score\"")
        }
        guard range.contains(score) else {
            throw QuorumError(.judge, "score \(score) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        var verdict = object["verdict"]?.stringValue?.trimmingCharacters(in: .whitespaces)
        if let given = verdict {
            guard let known = ["Valid", "Invalid"].first(where: { $0.caseInsensitiveCompare(given) == .orderedSame })
            else { throw QuorumError(.judge, "verdict '\(given)' is neither Valid nor Invalid") }
            verdict = known
        }
        return Reading(
            score: score, verdict: verdict, reasoning: object["reasoning"]?.stringValue,
            feedback: object["feedback"]?.stringValue)
    }

    /// `Score: 7`, `score = 0.8`, `Rating: [[7]]`, `7/10`, `7 out of 10`, in that order of preference.
    func bareScore(in text: String) throws -> Double? {
        if let fraction = fractionScore(in: text) { return fraction }
        for pattern in [Patterns.labelledScore, Patterns.bracketedScore] {
            if let value = firstCapture(pattern, in: text).flatMap(Double.init) {
                guard range.contains(value) else {
                    throw QuorumError(.judge, "score \(value) is outside \(range.lowerBound)…\(range.upperBound)")
                }
                return value
            }
        }
        return nil
    }

    /// `7/10` or `7 out of 10`, rescaled to this judge's scale.
    func fractionScore(in text: String) -> Double? {
        guard let match = Patterns.fraction.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let top = Range(match.range(at: 1), in: text).flatMap({ Double(text[$0]) }),
            let bottom = Range(match.range(at: 2), in: text).flatMap({ Double(text[$0]) }),
            bottom > 0, top <= bottom
        else { return nil }
        return top / bottom * (scale == 1 ? 1 : Double(scale))
    }

    func verdictWord(in text: String) -> String? {
        if text.range(of: #"\bInvalid\b"#, options: [.regularExpression, .caseInsensitive]) != nil { return "Invalid" }
        if text.range(of: #"\bValid\b"#, options: [.regularExpression, .caseInsensitive]) != nil { return "Valid" }
        return nil
    }
}
