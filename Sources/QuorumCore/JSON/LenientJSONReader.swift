/// A forgiving recursive-descent JSON reader over Unicode scalars (see `LenientJSON.parse`).
struct LenientJSONReader {
    let characters: [Unicode.Scalar]
    var position: Int
    private(set) var repairs: LenientJSON.Repairs = []
    /// Each object's keys in the order written, by the keys leading to it (see `LenientJSON.keyOrder`).
    private(set) var keyOrder: [[String]: [String]] = [:]
    private var depth = 0
    /// The keys from the top object to the value being read.
    private var path: [String] = []
    /// Arrays open around the value being read: the objects inside them have no path of keys.
    private var arrays = 0

    init(characters: [Unicode.Scalar], position: Int) {
        self.characters = characters
        self.position = position
    }

    mutating func readValue() -> JSONValue? {
        skipSpace()
        guard position < characters.count, depth < 64 else { return nil }
        switch characters[position] {
        case "{": return readObject()
        case "[": return readArray()
        case "\"", "'": return readString().map(JSONValue.string)
        default: return readWord()
        }
    }

    private mutating func readObject() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        position += 1
        var members: [String: JSONValue] = [:]
        var keys: [String] = []
        while true {
            guard let isClosed = readSeparator(closedBy: "}", afterMember: !keys.isEmpty) else { return nil }
            if isClosed { return finishObject(members, keys: keys) }
            guard let key = readKey() else { return nil }
            skipSpace()
            guard position < characters.count, characters[position] == ":" else { return nil }
            position += 1
            path.append(key)
            let value = readValue()
            path.removeLast()
            guard let value else { return nil }
            // A repeated key keeps its first value, as a lookup in the model's order finds it.
            if members[key] == nil {
                members[key] = value
                keys.append(key)
            }
        }
    }

    /// The object, its key order recorded under its path (the first object at a path keeps it).
    private mutating func finishObject(_ members: [String: JSONValue], keys: [String]) -> JSONValue {
        if arrays == 0, keyOrder[path] == nil { keyOrder[path] = keys }
        return .object(members)
    }

    private mutating func readArray() -> JSONValue? {
        depth += 1
        arrays += 1
        defer {
            depth -= 1
            arrays -= 1
        }
        position += 1
        var values: [JSONValue] = []
        while true {
            guard let isClosed = readSeparator(closedBy: "]", afterMember: !values.isEmpty) else { return nil }
            if isClosed { return .array(values) }
            guard let value = readValue() else { return nil }
            values.append(value)
        }
    }

    /// Reads what comes before a container's next member: `true` when `close` ends the container
    /// (a trailing comma before it is repaired), `false` when a member follows, `nil` when neither.
    private mutating func readSeparator(closedBy close: Unicode.Scalar, afterMember: Bool) -> Bool? {
        skipSpace()
        guard position < characters.count else { return nil }
        if characters[position] == close {
            position += 1
            return true
        }
        guard afterMember else { return false }
        guard characters[position] == "," else { return nil }
        position += 1
        skipSpace()
        guard position < characters.count, characters[position] == close else { return false }
        repairs.insert(.trailingComma)
        position += 1
        return true
    }
    private mutating func readKey() -> String? {
        skipSpace()
        guard position < characters.count else { return nil }
        if characters[position] == "\"" || characters[position] == "'" { return readString() }
        var key = ""
        while position < characters.count, characters[position].properties.isAlphabetic
            || ("0"..."9").contains(characters[position]) || characters[position] == "_" || characters[position] == "-"
        {
            key.unicodeScalars.append(characters[position])
            position += 1
        }
        if !key.isEmpty { repairs.insert(.unquotedKey) }
        return key.isEmpty ? nil : key
    }

    private mutating func readString() -> String? {
        let quote = characters[position]
        if quote == "'" { repairs.insert(.singleQuotes) }
        position += 1
        var result = String.UnicodeScalarView()
        while position < characters.count {
            let scalar = characters[position]
            position += 1
            if scalar == quote { return String(result) }
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard position < characters.count else { return nil }
            let escaped = characters[position]
            position += 1
            switch escaped {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "u":
                guard position + 4 <= characters.count,
                    let code = UInt32(String(String.UnicodeScalarView(characters[position..<position + 4])), radix: 16)
                else { return nil }
                position += 4
                result.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: result.append(escaped)
            }
        }
        return nil
    }

    private mutating func readWord() -> JSONValue? {
        var word = ""
        while position < characters.count, !",}] \n\r\t".unicodeScalars.contains(characters[position]) {
            word.unicodeScalars.append(characters[position])
            position += 1
        }
        switch word {
        case "true", "True": return .bool(true)
        case "false", "False": return .bool(false)
        case "null", "None": return .null
        default: return Double(word).map(JSONValue.number)
        }
    }

    private mutating func skipSpace() {
        while position < characters.count, characters[position].properties.isWhitespace { position += 1 }
    }
}
