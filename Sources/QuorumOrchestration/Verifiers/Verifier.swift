import Foundation
import QuorumCore

/// A programmatic check of an answer, no LLM: usable at answer time (a gate) and for scoring.
public struct Verifier: Sendable, Hashable {
    /// What is checked.
    public enum Kind: Sendable, Hashable {
        /// The answer equals the reference (whitespace at the ends ignored).
        case exact
        /// Equal after `AnswerExtractor.normalize` (case, punctuation, articles, whitespace).
        case normalized
        /// The answer's last number is within `tolerance` of the reference's.
        case numeric(tolerance: Double)
        /// The answer's option letter (A–D) equals the reference's.
        case choice
        /// The answer matches the pattern (searched anywhere).
        case regex(String)
        /// The normalized answer contains the normalized reference.
        case contains
        /// The answer (or the JSON object inside it) is valid against the schema.
        case jsonSchema(JSONValue)
        /// The answer's code passes the tests (the reference, or `tests`) under python3.
        case code(tests: String?, limits: CodeRunner.Limits)
        /// `numeric` when the reference is a number, `choice` when it is a lone letter A–D,
        /// else `normalized`, also accepting a short reference found as whole words in the answer.
        case auto(tolerance: Double)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    /// What a check found.
    public struct Outcome: Sendable, Hashable {
        public var passed: Bool
        /// Why, in a few words: `expected 42, found 41`, `schema: missing "name"`.
        public var detail: String

        public init(passed: Bool, detail: String) {
            self.passed = passed
            self.detail = detail
        }
    }

    /// The verifier's short name, as configured (`numeric`, `json-schema`, …).
    public var kindName: String {
        switch kind {
        case .exact: "exact"
        case .normalized: "normalized"
        case .numeric: "numeric"
        case .choice: "choice"
        case .regex: "regex"
        case .contains: "contains"
        case .jsonSchema: "json-schema"
        case .code: "code"
        case .auto: "auto"
        }
    }

    /// Whether this check needs the item's reference answer.
    public var needsReference: Bool {
        switch kind {
        case .regex, .jsonSchema: false
        case .code(let tests, _): tests == nil
        default: true
        }
    }

    /// Checks `answer` against `reference`; a missing reference where one is needed fails the check.
    public func check(_ answer: String, reference: String?) async -> Outcome {
        if case .code(let tests, let limits) = kind {
            if needsReference, reference == nil { return Self.noReference }
            return await CodeRunner(limits: limits).verify(answer: answer, tests: tests ?? reference ?? "")
        }
        return immediateCheck(answer, reference: reference) ?? Self.noReference
    }

    /// The check without running anything (every kind but `code`, which runs python: `nil`), for
    /// reviewing stored answers in bulk.
    public func immediateCheck(_ answer: String, reference: String?) -> Outcome? {
        if needsReference, reference == nil { return Self.noReference }
        let reference = reference ?? ""
        switch kind {
        case .exact:
            return compare(answer.trimmingCharacters(in: .whitespacesAndNewlines),
                reference.trimmingCharacters(in: .whitespacesAndNewlines))
        case .normalized:
            return compare(AnswerExtractor.normalize(answer), AnswerExtractor.normalize(reference))
        case .numeric(let tolerance):
            return Verifier.numeric(answer, reference, tolerance: tolerance)
        case .choice:
            return compare(AnswerExtractor.choice(in: answer) ?? "none", AnswerExtractor.choice(in: reference) ?? reference)
        case .regex(let pattern):
            let found = answer.range(of: pattern, options: .regularExpression) != nil
            return Outcome(passed: found, detail: found ? "matches /\(pattern)/" : "does not match /\(pattern)/")
        case .contains:
            let found = Verifier.containsWords(AnswerExtractor.normalize(answer), AnswerExtractor.normalize(reference))
            return Outcome(passed: found, detail: found ? "contains the reference" : "reference not found")
        case .jsonSchema(let schema):
            return Verifier.jsonSchema(answer, schema)
        case .code:
            return nil
        case .auto(let tolerance):
            return Verifier.auto(answer, reference, tolerance: tolerance)
        }
    }

    static let noReference = Outcome(passed: false, detail: "no reference answer to compare with")

    func compare(_ found: String, _ expected: String) -> Outcome {
        let passed = found == expected
        return Outcome(passed: passed, detail: passed ? "matches" : "expected '\(expected)', found '\(found)'")
    }

    static func numeric(_ answer: String, _ reference: String, tolerance: Double) -> Outcome {
        guard let expected = AnswerExtractor.lastNumber(in: reference) else {
            return Outcome(passed: false, detail: "the reference has no number")
        }
        guard let found = AnswerExtractor.lastNumber(in: answer) else {
            return Outcome(passed: false, detail: "no number in the answer")
        }
        let passed = abs(found - expected) <= tolerance
        return Outcome(
            passed: passed,
            detail: "expected \(AnswerExtractor.canonical(expected)), found \(AnswerExtractor.canonical(found))")
    }

    static func auto(_ answer: String, _ reference: String, tolerance: Double) -> Outcome {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if Double(trimmed.replacingOccurrences(of: ",", with: "")) != nil {
            return numeric(answer, trimmed, tolerance: tolerance)
        }
        if AnswerExtractor.standaloneChoice(trimmed) != nil {
            return Verifier(.choice).compare(AnswerExtractor.choice(in: answer) ?? "none", trimmed.uppercased())
        }
        let expected = AnswerExtractor.normalize(trimmed)
        let found = AnswerExtractor.normalize(answer)
        if found == expected { return Outcome(passed: true, detail: "matches") }
        // Short references ("Paris") inside a sentence answer count; long ones must match whole.
        let wordCount = expected.split(separator: " ").count
        if wordCount > 0, wordCount <= 5, containsWords(found, expected) {
            return Outcome(passed: true, detail: "contains '\(expected)'")
        }
        return Outcome(passed: false, detail: "expected '\(expected)'")
    }

    /// Whether `phrase` occurs in `text` on word boundaries (both already normalized).
    static func containsWords(_ text: String, _ phrase: String) -> Bool {
        guard !phrase.isEmpty else { return false }
        return " \(text) ".contains(" \(phrase) ")
    }

    static func jsonSchema(_ answer: String, _ schema: JSONValue) -> Outcome {
        let value: JSONValue
        if let decoded = JSONReader.parse(answer.trimmingCharacters(in: .whitespacesAndNewlines)) {
            value = decoded
        } else if let object = JSONExtraction.object(in: answer) {
            value = .object(object)
        } else {
            return Outcome(passed: false, detail: "the answer is not JSON")
        }
        let problems = JSONSchemaValidator(schema: schema).problems(in: value)
        return Outcome(
            passed: problems.isEmpty, detail: problems.isEmpty ? "valid" : problems.prefix(3).joined(separator: "; "))
    }
}
