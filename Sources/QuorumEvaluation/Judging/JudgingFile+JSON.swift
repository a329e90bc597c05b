import Foundation
import QuorumCore

extension JudgingFile {
    /// The file as a person should see it: instructions and rubric before the cells, each cell's
    /// inputs and candidate before its score fields, criteria and flags in the rubric's order.
    /// `JSONDecoder` reads it back into an equal `JudgingFile` (an absent optional is written `null`).
    public func encoded() -> Data {
        let criteria = rubric.criteria.map(\.name)
        let flagNames = (rubric.flags ?? []).map(\.name)
        let document = PrettyJSON.object([
            ("format", .string(format)), ("run", .string(run)), ("judge", .string(judge)),
            ("instructions", .string(instructions)), ("rubric", Self.json(of: rubric)),
            ("cells", .array(cells.map { Self.json(of: $0, criteria: criteria, flags: flagNames) })),
        ])
        return Data(document.text.utf8)
    }

    static func json(of rubric: RubricConfig) -> PrettyJSON {
        .object([
            ("id", .string(rubric.id)), ("version", .optional(rubric.version)), ("description", .optional(rubric.description)),
            ("criteria", .array(rubric.criteria.map(json(of:)))),
            ("flags", rubric.flags.map { .array($0.map { .object([("name", .string($0.name)), ("description", .optional($0.description))]) }) } ?? .null),
            ("composite", .optional(rubric.composite)),
        ])
    }

    static func json(of criterion: RubricScaleCriterion) -> PrettyJSON {
        // Anchors by score, low to high (keys that are not numbers, which validation refuses, last).
        let anchors = criterion.anchors?.sorted { (Int($0.key) ?? .max, $0.key) < (Int($1.key) ?? .max, $1.key) }
        return .object([
            ("name", .string(criterion.name)), ("description", .optional(criterion.description)),
            ("scale", criterion.scale.map { .array($0.map { .number(Double($0)) }) } ?? .null),
            ("anchors", anchors.map { .object($0.map { ($0.key, .string($0.value)) }) } ?? .null),
        ])
    }

    static func json(of cell: Cell, criteria: [String], flags: [String]) -> PrettyJSON {
        .object([
            ("id", .string(cell.id)), ("system", .string(cell.system)), ("item", .string(cell.item)),
            ("model", .optional(cell.model)), ("prompt", .optional(cell.prompt)), ("scenario", .optional(cell.scenario)),
            ("inputs", .array(cell.inputs.map { .object([("role", .string($0.role.rawValue)), ("content", .string($0.content))]) })),
            ("candidate", .string(cell.candidate)), ("candidate_sha256", .string(cell.candidateSHA256)),
            ("scores", .object(ordered(cell.scores, first: criteria).map { ($0.key, $0.value.map(PrettyJSON.number) ?? .null) })),
            ("flags", .object(ordered(cell.flags, first: flags).map { ($0.key, $0.value.map(PrettyJSON.bool) ?? .null) })),
            ("comment", .optional(cell.comment)),
        ])
    }

    /// `table`'s entries: those named in `names` in that order, then any others by name.
    static func ordered<Value>(_ table: [String: Value], first names: [String]) -> [(key: String, value: Value)] {
        let known = names.compactMap { name in table[name].map { (key: name, value: $0) } }
        let others = table.filter { !names.contains($0.key) }.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        return known + others
    }
}
