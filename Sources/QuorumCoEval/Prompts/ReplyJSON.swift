import QuorumCore

/// A value in a teacher's or judge's reply, where it sits in it, so that an object's members come
/// in the order the model wrote them (attributes and rubric criteria are ordered) and a loose key
/// finds the first of them that matches.
struct ReplyJSON {
    let reply: LenientJSON
    /// The keys from the reply's top object to this value (see `LenientJSON.keyOrder`).
    let path: [String]
    let value: JSONValue

    init(_ reply: LenientJSON) { self.init(reply: reply, path: [], value: reply.value) }

    private init(reply: LenientJSON, path: [String], value: JSONValue) {
        self.reply = reply
        self.path = path
        self.value = value
    }

    /// The value under `key` of an object, matched without regard to case, spaces or underscores.
    subscript(loose key: String) -> ReplyJSON? {
        guard let pairs else { return nil }
        let wanted = Self.normalized(key)
        return pairs.first { $0.key == key }?.value ?? pairs.first { Self.normalized($0.key) == wanted }?.value
    }

    /// An object's members in the order written.
    var pairs: [(key: String, value: ReplyJSON)]? {
        reply.members(at: path)?.map { member in
            (member.key, ReplyJSON(reply: reply, path: path + [member.key], value: member.value))
        }
    }

    /// The value as text (see `JSONValue.replyText`).
    var text: String? { value.replyText }

    static func normalized(_ key: String) -> String {
        key.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}

extension JSONValue {
    /// The value as text: strings as they are, numbers and booleans written out, lists joined.
    var replyText: String? {
        switch self {
        case .string(let value): return value
        case .number(let value):
            // `inf` and `nan` as Swift writes them: the lenient reader takes those words for numbers.
            guard value.isFinite else { return String(value) }
            var text = ""
            JSONWriter.writeNumber(value, into: &text)
            return text
        case .bool(let value): return String(value)
        case .array(let values): return values.compactMap(\.replyText).joined(separator: ", ")
        case .object, .null: return nil
        }
    }
}
