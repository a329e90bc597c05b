import Foundation
import QuorumCore

/// Turns teacher and judge replies into artifacts, repairing what can be repaired; a reply that
/// cannot be read throws `CoEvalRejection.Reason` with what was wrong.
enum CoEvalReplies {
    /// Phase 1: `{target_attributes: {name: [values]}, nuanced_attributes: {…}}`.
    static func attributes(_ reply: String) throws(CoEvalReplyProblem) -> (target: [CoEvalAttribute], nuanced: [CoEvalAttribute]) {
        let object = try object(in: reply)
        let target = attributeList(object[loose: "target_attributes"] ?? object[loose: "target"])
        let nuanced = attributeList(object[loose: "nuanced_attributes"] ?? object[loose: "nuanced"])
        guard !target.isEmpty || !nuanced.isEmpty else {
            throw CoEvalReplyProblem("no target_attributes or nuanced_attributes with values in the reply")
        }
        try rejectEchoes((target + nuanced).flatMap { [$0.name] + $0.values })
        return (target, nuanced)
    }

    /// Phase 2: `{criterion: description}` (a nested `{"rubric": {…}}` is accepted too).
    static func rubric(_ reply: String) throws(CoEvalReplyProblem) -> [CoEvalCriterion] {
        var object = try object(in: reply)
        if let nested = object[loose: "rubric"] ?? object[loose: "criteria"], nested.pairs != nil { object = nested }
        let criteria = (object.pairs ?? []).compactMap { pair -> CoEvalCriterion? in
            guard let text = pair.value.text ?? pair.value[loose: "description"]?.text, !pair.key.isEmpty else { return nil }
            return CoEvalCriterion(name: pair.key, description: text)
        }
        guard !criteria.isEmpty else { throw CoEvalReplyProblem("no criterion with a description in the reply") }
        try rejectEchoes(criteria.flatMap { [$0.name, $0.description] })
        return criteria
    }

    /// Phase 3: `{prompt, reference_response}`.
    static func item(_ reply: String) throws(CoEvalReplyProblem) -> (prompt: String, reference: String) {
        let object = try object(in: reply)
        guard let prompt = (object[loose: "prompt"] ?? object[loose: "input"])?.text, !blank(prompt) else {
            throw CoEvalReplyProblem("no prompt in the reply")
        }
        guard let reference = (object[loose: "reference_response"] ?? object[loose: "reference"] ?? object[loose: "response"])?.text,
            !blank(reference)
        else { throw CoEvalReplyProblem("no reference_response in the reply") }
        try rejectEchoes([prompt, reference])
        return (prompt, reference)
    }

    /// Phase 5: criterion → `High`/`Medium`/`Low` (any case), for the criteria asked; others are ignored.
    static func grades(_ reply: String, criteria: [String]) throws(CoEvalReplyProblem) -> [String: CoEvalGrade] {
        let object = try object(in: reply)
        var grades: [String: CoEvalGrade] = [:]
        for criterion in criteria {
            guard let value = object[loose: criterion] else { continue }
            let word = value.text ?? value[loose: "grade"]?.text ?? value[loose: "score"]?.text
            if let grade = word.flatMap(grade) { grades[criterion] = grade }
        }
        if grades.isEmpty, criteria.count == 1, let word = (object[loose: "grade"] ?? object[loose: "score"])?.text,
            let grade = grade(word)
        {
            grades[criteria[0]] = grade
        }
        guard !grades.isEmpty else {
            throw CoEvalReplyProblem("no High/Medium/Low grade for \(criteria.joined(separator: ", ")) in the reply")
        }
        return grades
    }

    /// `high`, ` HIGH `, `"Medium."` → the grade.
    static func grade(_ word: String) -> CoEvalGrade? {
        let cleaned = word.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).lowercased()
        return CoEvalGrade.allCases.first { $0.rawValue.lowercased() == cleaned }
    }

    private static func object(in reply: String) throws(CoEvalReplyProblem) -> ReplyJSON {
        guard !blank(reply) else { throw CoEvalReplyProblem("empty reply") }
        guard let parsed = LenientJSON.parse(reply), parsed.value.objectValue != nil else {
            throw CoEvalReplyProblem("no JSON object in the reply")
        }
        return ReplyJSON(parsed)
    }

    private static func attributeList(_ value: ReplyJSON?) -> [CoEvalAttribute] {
        (value?.pairs ?? []).compactMap { pair in
            let values: [String]
            switch pair.value.value {
            case .array(let list): values = list.compactMap(\.replyText).filter { !blank($0) }
            default: values = pair.value.text.map { [$0] } ?? []
            }
            return values.isEmpty || blank(pair.key) ? nil : CoEvalAttribute(name: pair.key, values: values)
        }
    }

    /// Words of a template's format description that small models copy instead of writing their own:
    /// a reply made of them is not an attribute, a criterion or an item.
    static let placeholders: Set<String> = [
        "name", "value", "values", "criterion", "criterion_name", "criterion name", "description",
        "the question or instruction a model will receive", "an excellent answer to it",
        "the question or instruction", "an excellent answer",
    ]

    /// Rejects a reply in which a field is one of `placeholders` or only punctuation (`...`).
    private static func rejectEchoes(_ fields: [String]) throws(CoEvalReplyProblem) {
        for field in fields {
            let core = field.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
            if core.isEmpty || placeholders.contains(core) {
                throw CoEvalReplyProblem("the reply copies the format's placeholder \"\(field)\" instead of writing its own")
            }
        }
    }

    private static func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

/// Why a reply could not be used: kept with the rejected attempt, shown by `quorum coeval status`.
struct CoEvalReplyProblem: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
