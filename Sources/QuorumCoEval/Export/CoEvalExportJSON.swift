import QuorumCore

/// JSON that keeps its keys in the order they were given, as CoEval's Python writes them
/// (`json.dumps(..., ensure_ascii=False)`): rubric criteria and attributes stay in their order.
indirect enum CoEvalExportJSON: Sendable {
    case string(String)
    case int(Int)
    case null
    case array([CoEvalExportJSON])
    case object([(String, CoEvalExportJSON)])

    /// One line of JSON, with Python's separators (`", "` and `": "`).
    func rendered() -> String {
        switch self {
        case .string(let text): JSONWriter.quoted(text)
        case .int(let value): String(value)
        case .null: "null"
        case .array(let values): "[" + values.map { $0.rendered() }.joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.map { JSONWriter.quoted($0.0) + ": " + $0.1.rendered() }.joined(separator: ", ") + "}"
        }
    }

    /// A string → string map with its keys sorted (Swift dictionaries have no order of their own).
    static func sortedStrings(_ map: [String: String]) -> CoEvalExportJSON {
        .object(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
