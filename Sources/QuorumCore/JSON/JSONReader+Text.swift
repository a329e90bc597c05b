extension JSONReader {
    /// The value `text` holds, or `nil` when it is not exactly one JSON value: for text with no
    /// `JSONDecoder` behind it to fall back on (a judge's reply, an answer a verifier checks).
    ///
    /// Unlike the fast path, it reads every valid document: keys with escapes or beyond ASCII, and
    /// repeated keys (the last one wins). A number is whatever `Double(String)` makes of a run of
    /// JSON's number characters, so `+7`, `.5` and `07` read, and `1e400` is infinity: the judges
    /// have always taken these from models.
    package static func parse(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { utf8 in try? read(UnsafeRawBufferPointer(utf8)) { try $0.readAnyValue() } }
    }

    /// `readValue`, reading every key and numbers loosely (see `parse`).
    private mutating func readAnyValue() throws -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw GaveUp() }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var object: [String: JSONValue] = [:]
            try readContainer(.object, closedBy: UInt8(ascii: "}")) { reader in
                let key = try reader.readString()
                reader.skipWhitespace()
                guard reader.index < reader.bytes.count, reader.bytes[reader.index] == UInt8(ascii: ":") else { throw GaveUp() }
                reader.index += 1
                object[key] = try reader.readAnyValue()
            }
            return .object(object)
        case UInt8(ascii: "["): return .array(try readArray { try $0.readAnyValue() })
        case UInt8(ascii: "\""), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): return try readValue()
        default: return .number(try readLooseNumber())
        }
    }

    private mutating func readLooseNumber() throws -> Double {
        let start = index
        while index < bytes.count, Self.isNumberCharacter(bytes[index]) { index += 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw GaveUp() }
        return value
    }

    private static func isNumberCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }
}
