/// A JSON value whose objects keep their keys in the order the model wrote them (attributes and
/// rubric criteria are ordered), read leniently from what small models actually produce.
enum LenientJSON: Sendable, Equatable {
    case object([(key: String, value: LenientJSON)])
    case array([LenientJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: LenientJSON, rhs: LenientJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The value under `key` of an object, matched without regard to case, spaces or underscores.
    subscript(loose key: String) -> LenientJSON? {
        guard case .object(let pairs) = self else { return nil }
        let wanted = Self.normalized(key)
        return pairs.first { $0.key == key }?.value ?? pairs.first { Self.normalized($0.key) == wanted }?.value
    }

    var pairs: [(key: String, value: LenientJSON)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    /// The value as text: strings as they are, numbers and booleans written out, lists joined.
    var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .bool(let value): String(value)
        case .array(let values): values.compactMap(\.text).joined(separator: ", ")
        case .object, .null: nil
        }
    }

    static func normalized(_ key: String) -> String {
        key.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}

extension LenientJSON {
    /// What `parse` had to fix to read a reply, recorded so status can say how often models needed it.
    struct Repairs: OptionSet, Sendable, Hashable {
        let rawValue: Int
        static let codeFence = Repairs(rawValue: 1)
        static let surroundingProse = Repairs(rawValue: 2)
        static let trailingComma = Repairs(rawValue: 4)
        static let singleQuotes = Repairs(rawValue: 8)
        static let unquotedKey = Repairs(rawValue: 16)
    }

    /// Reads the first JSON object in `reply`: code fences and prose around it are skipped, trailing
    /// commas, single-quoted strings and bare keys are accepted. Returns `nil` when no object can be read.
    /// How many `{` a reply may have before its object (the first ones are tried, the rest not).
    static let maximumStarts = 64

    static func parse(_ reply: String) -> (value: LenientJSON, repairs: Repairs)? {
        var repairs: Repairs = []
        if reply.contains("```") { repairs.insert(.codeFence) }
        let characters = Array(reply.unicodeScalars)
        var start = 0
        // Try each `{` in turn: prose before the object may contain braces of its own. A failed try
        // can read to the end of the reply, so the tries are capped: without a cap a reply of n
        // unclosed braces costs n² (a 100 kB one, minutes).
        for _ in 0..<maximumStarts {
            guard let open = characters[start...].firstIndex(of: "{") else { break }
            var reader = LenientJSONReader(characters: characters, position: open)
            if let value = reader.readValue() {
                let before = String(String.UnicodeScalarView(characters[..<open]))
                let after = String(String.UnicodeScalarView(characters[reader.position...]))
                if !strip(before).isEmpty || !strip(after).isEmpty { repairs.insert(.surroundingProse) }
                return (value, repairs.union(reader.repairs))
            }
            start = open + 1
        }
        return nil
    }

    /// Text with code-fence markers and whitespace removed, to tell real prose from formatting.
    private static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "```json", with: "").replacingOccurrences(of: "```", with: "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
