import Foundation

/// The JSON object of a model's reply, read leniently from what small models actually produce
/// (see `parse`), with the order its keys were written in.
package struct LenientJSON: Sendable, Equatable {
    package var value: JSONValue
    /// What had to be fixed to read the reply.
    package var repairs: Repairs
    /// Each object's keys in the order the model wrote them, by the keys that lead to it from the
    /// top (`[]` is the top object): `JSONValue`'s objects are dictionaries, and a model's order
    /// can matter (CoEval keeps attributes and rubric criteria in it). Objects inside arrays have
    /// no entry, and a repeated key only its first value.
    package var keyOrder: [[String]: [String]]

    /// The members of the object at `path` in the order written; `nil` if no object is there.
    package func members(at path: [String]) -> [(key: String, value: JSONValue)]? {
        var value = self.value
        for key in path {
            guard let member = value[key] else { return nil }
            value = member
        }
        guard let object = value.objectValue else { return nil }
        return (keyOrder[path] ?? object.keys.sorted()).compactMap { key in object[key].map { (key, $0) } }
    }
}

extension LenientJSON {
    /// What `parse` had to fix to read a reply, recorded so status can say how often models needed it.
    package struct Repairs: OptionSet, Sendable, Hashable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        package static let codeFence = Repairs(rawValue: 1)
        package static let surroundingProse = Repairs(rawValue: 2)
        package static let trailingComma = Repairs(rawValue: 4)
        package static let singleQuotes = Repairs(rawValue: 8)
        package static let unquotedKey = Repairs(rawValue: 16)
    }

    /// How many `{` a reply may have before its object (the first ones are tried, the rest not).
    package static let maximumStarts = 64

    /// Reads the first JSON object in `reply`: code fences and prose around it are skipped, trailing
    /// commas, single-quoted strings and bare keys are accepted. Returns `nil` when no object can be read.
    package static func parse(_ reply: String) -> LenientJSON? {
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
                return LenientJSON(value: value, repairs: repairs.union(reader.repairs), keyOrder: reader.keyOrder)
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
