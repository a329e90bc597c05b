import Foundation
import QuorumCore

/// A rubric judge's reply, read leniently: `{"scores": {…}, "flags": {…}}` or one flat object;
/// names in any case; a score as a number or a numeric string within its criterion's scale; a
/// flag as true/false, yes/no or 1/0. Anything missing or out of range is an error, so the judge
/// is asked once more.
struct RubricReply: Sendable {
    var scores: [String: Double] = [:]
    var flags: [String: Bool] = [:]
    var reasoning: String?

    init(parsing text: String, for rubric: Rubric) throws {
        guard let object = JSONExtraction.object(in: text) else {
            throw QuorumError(.judge, "no JSON object in the rubric reply")
        }
        let scoreTable = object["scores"]?.objectValue ?? object
        let flagTable = object["flags"]?.objectValue ?? object
        for criterion in rubric.criteria {
            let entry = Self.entry(criterion.name, in: scoreTable)
            guard let value = entry?.looseNumber ?? entry?["score"]?.looseNumber else {
                throw QuorumError(.judge, "no score for criterion '\(criterion.name)'")
            }
            let scale = criterion.scale
            guard value >= Double(scale.lowerBound), value <= Double(scale.upperBound) else {
                throw QuorumError(
                    .judge, "score \(value) for '\(criterion.name)' is outside \(scale.lowerBound)…\(scale.upperBound)")
            }
            scores[criterion.name] = value
        }
        for flag in rubric.flags {
            guard let value = Self.entry(flag.name, in: flagTable).flatMap(Self.truth) else {
                throw QuorumError(.judge, "no true or false for check '\(flag.name)'")
            }
            flags[flag.name] = value
        }
        reasoning = object["reasoning"]?.stringValue
    }

    /// The value under `name`, or under a key that differs only in case.
    static func entry(_ name: String, in table: [String: JSONValue]) -> JSONValue? {
        table[name] ?? table.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// `true`/`false`, `"yes"`/`"no"` (any case), `1`/`0`, as a JSON value or a string.
    static func truth(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let truth): return truth
        case .number(let number) where number == 1 || number == 0: return number == 1
        case .string(let text):
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "y", "1": return true
            case "false", "no", "n", "0": return false
            default: return nil
            }
        default: return nil
        }
    }
}
