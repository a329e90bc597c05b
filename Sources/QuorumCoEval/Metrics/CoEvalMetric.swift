import Foundation
import QuorumOrchestration

/// A rubric criterion scored without an LLM, against the item's reference answer
/// (`metric:` in the YAML rubric). Its evaluations are recorded under a virtual judge
/// `metric:NAME`, so leaderboards, agreement and exports treat them like any judge's.
///
/// The pass/fail metrics reuse the verifiers experiments score with (`Verifier`), so "exact match"
/// means the same thing in `quorum run` and in CoEval.
public enum CoEvalMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// Equal after normalizing case, punctuation, articles and whitespace (SQuAD's exact match).
    case exactMatch = "exact_match"
    /// The normalized reply contains the normalized reference on word boundaries.
    case contains
    /// The reply's last number is within 1e-6 of the reference's.
    case numeric
    /// Sentence BLEU-4, smoothed (`TextOverlap.bleu`).
    case bleu
    /// ROUGE-L F1 (`TextOverlap.rougeL`).
    case rougeL = "rouge-l"
    /// The reply's code, then the reference as Python tests, run by python3 in a sandboxed child process.
    case codeTests = "code-tests"

    /// The virtual judge its evaluations are recorded under.
    public var judgeName: String { Self.judgePrefix + rawValue }

    /// Every virtual judge's name starts with this; no configured model may be named so.
    public static let judgePrefix = "metric:"

    /// The judge that reads label replies (`label_attributes`).
    public static let labelJudge = judgePrefix + "label"

    /// The score of `reply` against `reference`, on 0…1 (pass/fail metrics give 0 or 1).
    /// `code-tests` runs python3 with `limits`; every other metric returns at once.
    public func score(_ reply: String, reference: String, limits: CodeRunner.Limits = CodeRunner.Limits()) async -> Double {
        switch self {
        case .bleu: return TextOverlap.bleu(reply, reference: reference)
        case .rougeL: return TextOverlap.rougeL(reply, reference: reference)
        case .exactMatch: return Self.passed(await Verifier(.normalized).check(reply, reference: reference))
        case .contains: return Self.passed(await Verifier(.contains).check(reply, reference: reference))
        case .numeric: return Self.passed(await Verifier(.numeric(tolerance: 1e-6)).check(reply, reference: reference))
        case .codeTests: return Self.passed(await Verifier(.code(tests: nil, limits: limits)).check(reply, reference: reference))
        }
    }

    /// A 0…1 score as the grade analyses count: High from 2/3, Medium from 1/3, else Low, so a
    /// pass is High, a fail Low, and overlap scores fall in thirds.
    public static func grade(_ value: Double) -> CoEvalGrade {
        value >= 2.0 / 3 ? .high : value >= 1.0 / 3 ? .medium : .low
    }

    private static func passed(_ outcome: Verifier.Outcome) -> Double { outcome.passed ? 1 : 0 }
}
