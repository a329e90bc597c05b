/// A forward-only reader of JSON bytes, for the hand-written decoders on `quorum serve`'s hot path
/// (a request body, an upstream answer, each streamed chunk), where `JSONDecoder` was the largest
/// cost of Quorum's own.
///
/// It reads what it is sure to read exactly as `JSONDecoder` does and gives up, throwing
/// `JSONReader.GaveUp`, on everything else: invalid JSON, a value of an unexpected type, an
/// integer written with a fraction or exponent, an escaped key, a lone surrogate. Callers then
/// decode the same bytes with `JSONDecoder`, which gives the value or the precise error, so the
/// fast path never changes a result or an error message.
public struct JSONReader {
    /// The reader met something it does not handle; decode with `JSONDecoder` instead.
    public struct GaveUp: Error, Equatable {
        public init() {}
    }

    /// An object key, still in the input's bytes (keys with escapes are given up on).
    public struct Key {
        let bytes: UnsafeRawBufferPointer

        /// Whether the key is `name`, compared byte for byte without making a `String`.
        public static func == (key: Key, name: StaticString) -> Bool {
            guard key.bytes.count == name.utf8CodeUnitCount else { return false }
            let other = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            return key.bytes.elementsEqual(other)
        }

        public var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The kind of the next value, from its first byte.
    public enum Kind { case object, array, string, number, bool, null }

    let bytes: UnsafeRawBufferPointer
    var index = 0
    /// Containers open at the reader; deeper than `JSONSyntaxError.maximumDepth` is given up on,
    /// so that no body, however nested, can overflow the stack of the thread reading it.
    private var depth = 0

    /// A reader over `bytes`, which must outlive it.
    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Reads one whole document with `read`; gives up unless only whitespace follows it.
    public static func read<T>(_ bytes: UnsafeRawBufferPointer, _ read: (inout JSONReader) throws -> T) throws -> T {
        var reader = JSONReader(bytes)
        let value = try read(&reader)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw GaveUp() }
        return value
    }

    // MARK: - Values

    /// The kind of the next value (whitespace before it is skipped).
    public mutating func peek() throws -> Kind {
        skipWhitespace()
        guard index < bytes.count else { throw GaveUp() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw GaveUp()
        }
    }

    /// Consumes a `null` if one comes next; `nil` fields of `Decodable` types read this way.
    public mutating func readNull() throws -> Bool {
        guard try peek() == .null else { return false }
        try expectWord("null")
        return true
    }

    public mutating func readBool() throws -> Bool {
        guard try peek() == .bool else { throw GaveUp() }
        if bytes[index] == UInt8(ascii: "t") {
            try expectWord("true")
            return true
        }
        try expectWord("false")
        return false
    }

    /// An integer written as one (`-12`, not `1.0` or `1e2`) that fits in `Int`.
    public mutating func readInt() throws -> Int {
        let (start, end, isInteger) = try scanNumber()
        guard isInteger else { throw GaveUp() }
        var position = start
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value = 0
        while position < end {
            let digit = Int(bytes[position] &- UInt8(ascii: "0"))
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { throw GaveUp() }
            value = sum
            position += 1
        }
        return value
    }

    /// Any finite number, converted with the correctly rounded `Double(String)`.
    public mutating func readDouble() throws -> Double {
        let (start, end, _) = try scanNumber()
        guard let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)),
            value.isFinite
        else { throw GaveUp() }
        return value
    }

    /// A string, unescaped; gives up on invalid UTF-8, raw control characters and lone surrogates.
    public mutating func readString() throws -> String {
        guard try peek() == .string else { throw GaveUp() }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard let string = String(validating: raw, as: UTF8.self) else { throw GaveUp() }
                return string
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            guard byte >= 0x20 else { throw GaveUp() }
            index += 1
        }
        throw GaveUp()
    }

    /// Reads an object, calling `field` for each key with the reader at its value; `field` must
    /// read or skip that value (and may use a `FieldSet` to give up on repeated keys).
    public mutating func readObject(_ field: (inout JSONReader, Key) throws -> Void) throws {
        try readContainer(.object, closedBy: UInt8(ascii: "}")) { reader in
            let key = try reader.readKey()
            reader.skipWhitespace()
            guard reader.index < reader.bytes.count, reader.bytes[reader.index] == UInt8(ascii: ":") else { throw GaveUp() }
            reader.index += 1
            try field(&reader, key)
        }
    }

    /// Reads an array, calling `element` with the reader at each element.
    public mutating func readArray(_ element: (inout JSONReader) throws -> Void) throws {
        try readContainer(.array, closedBy: UInt8(ascii: "]"), element)
    }

    /// The comma-separated members of an object or array, each read by `member`.
    mutating func readContainer(_ kind: Kind, closedBy close: UInt8, _ member: (inout JSONReader) throws -> Void) throws {
        guard try peek() == kind, depth < JSONSyntaxError.maximumDepth else { throw GaveUp() }
        depth += 1
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close {
            index += 1
            return
        }
        while true {
            try member(&self)
            skipWhitespace()
            guard index < bytes.count else { throw GaveUp() }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case close:
                index += 1
                return
            default: throw GaveUp()
            }
        }
    }

    /// `nil` for a `null`, else the value `read` reads: an optional field as `Decodable` reads it.
    /// (Prefer this to `readNull() ? nil : …`, which a nil-expressible type such as `JSONValue`
    /// silently turns into a value.)
    public mutating func readOptional<T>(_ read: (inout JSONReader) throws -> T) throws -> T? {
        try readNull() ? nil : try read(&self)
    }

    public mutating func readOptionalString() throws -> String? { try readOptional { try $0.readString() } }
    public mutating func readOptionalInt() throws -> Int? { try readOptional { try $0.readInt() } }
    public mutating func readOptionalDouble() throws -> Double? { try readOptional { try $0.readDouble() } }
    public mutating func readOptionalBool() throws -> Bool? { try readOptional { try $0.readBool() } }

    /// Reads an array of values each read by `element`.
    public mutating func readArray<T>(of element: (inout JSONReader) throws -> T) throws -> [T] {
        var values: [T] = []
        try readArray { reader in values.append(try element(&reader)) }
        return values
    }

    /// Reads any value as a `JSONValue` (numbers as `Double`, like `JSONValue`'s `Decodable`).
    public mutating func readValue() throws -> JSONValue {
        switch try peek() {
        case .null:
            try expectWord("null")
            return .null
        case .bool: return .bool(try readBool())
        case .number: return .number(try readDouble())
        case .string: return .string(try readString())
        case .array: return .array(try readArray { try $0.readValue() })
        case .object:
            var object: [String: JSONValue] = [:]
            try readObject { reader, key in
                let name = key.string
                // Which of two equal keys `JSONDecoder` keeps is its business: give up.
                guard object[name] == nil else { throw GaveUp() }
                object[name] = try reader.readValue()
            }
            return .object(object)
        }
    }

    /// Skips the next value, checking that it is valid JSON as `JSONDecoder` would.
    public mutating func skipValue() throws {
        switch try peek() {
        case .null: try expectWord("null")
        case .bool: _ = try readBool()
        case .number: _ = try scanNumber()
        case .string: _ = try readString()
        case .array: try readArray { try $0.skipValue() }
        case .object: try readObject { reader, _ in try reader.skipValue() }
        }
    }

    // MARK: - Scanning

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw GaveUp() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw GaveUp() }
        index += count
    }

    private mutating func readKey() throws -> Key {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw GaveUp() }
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let key = Key(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                index += 1
                return key
            }
            // Escaped keys are legal but never sent by clients or vendors; `JSONDecoder` reads them.
            guard byte != UInt8(ascii: "\\"), byte >= 0x20, byte < 0x80 else { throw GaveUp() }
            index += 1
        }
        throw GaveUp()
    }

    /// The bounds of the number at the reader (JSON's grammar, checked), and whether it is an integer.
    private mutating func scanNumber() throws -> (start: Int, end: Int, isInteger: Bool) {
        guard try peek() == .number else { throw GaveUp() }
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { throw GaveUp() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            guard try digits() > 0 else { throw GaveUp() }
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard try digits() > 0 else { throw GaveUp() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard try digits() > 0 else { throw GaveUp() }
        }
        return (start, index, isInteger)
    }

    private mutating func digits() throws -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    /// The rest of a string that has an escape, from `start` (just after the opening quote).
    private mutating func readEscapedString(from start: Int) throws -> String {
        var utf8 = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: utf8, as: UTF8.self) else { throw GaveUp() }
                return string
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw GaveUp() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
                default: throw GaveUp()
                }
            default:
                guard byte >= 0x20 else { throw GaveUp() }
                utf8.append(byte)
            }
        }
        throw GaveUp()
    }

    /// The UTF-8 of a `\uXXXX` escape (the `\u` already read), pairing surrogates.
    private mutating func unicodeEscape() throws -> [UInt8] {
        let first = try hex4()
        var scalar: Unicode.Scalar?
        switch first {
        case 0xD800...0xDBFF:
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
            else { throw GaveUp() }
            index += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw GaveUp() }
            scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        case 0xDC00...0xDFFF: throw GaveUp()
        default: scalar = Unicode.Scalar(first)
        }
        guard let scalar else { throw GaveUp() }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw GaveUp() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw GaveUp()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}

/// The fields of one object seen so far, to give up on a repeated one (which of two equal keys
/// `JSONDecoder` keeps is not something to copy). Field numbers are the decoder's own, below 64.
public struct FieldSet {
    private var seen: UInt64 = 0

    public init() {}

    /// Marks field `number` as seen; gives up if it was already.
    public mutating func insert(_ number: Int) throws {
        let bit: UInt64 = 1 << UInt64(number)
        guard seen & bit == 0 else { throw JSONReader.GaveUp() }
        seen |= bit
    }
}
