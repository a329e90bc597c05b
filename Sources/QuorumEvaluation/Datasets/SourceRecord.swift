import QuorumCore

/// One record of a dataset file before field mapping: its fields and where it starts.
struct SourceRecord: Sendable {
    var line: Int
    var fields: [String: JSONValue]

    /// The field as text: strings as they are, numbers without a needless `.0`, booleans as words.
    func text(_ key: String) -> String? {
        fields[key].flatMap(\.scalarText)
    }
}

extension JSONValue {
    /// Strings, numbers and booleans as the text a user would write; `nil` for null, arrays, objects.
    var scalarText: String? {
        switch self {
        case .string(let value): value
        case .number(let value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }
}
