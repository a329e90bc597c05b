/// Where and why a text is not JSON: the first place a parser has to stop, what it expected
/// there and what it found, with a 1-based line and column (in characters).
///
/// `JSONDecoder` only says "The given data was not valid JSON."; a dataset line or a config
/// value that fails to decode is run through `JSONSyntaxError.find(in:)` to tell the user where.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// What would have been valid here, e.g. `',' or '}' after a member`.
    public var expected: String
    /// What is there instead, e.g. `'x'` or `the end of the input`.
    public var found: String

    public var description: String { "line \(line), column \(column): expected \(expected), found \(found)" }

    /// The deepest nesting accepted (`JSONDecoder` refuses deeper documents too).
    public static let maximumDepth = 512

    /// The first syntax error in `text`, or `nil` when it is one valid JSON value.
    public static func find(in text: String) -> JSONSyntaxError? {
        let bytes = Array(text.utf8)
        var scanner = JSONSyntaxScanner(bytes: bytes)
        guard let failure = scanner.document() else { return nil }
        return JSONSyntaxError(at: failure.offset, in: bytes, expected: failure.expected, found: failure.found)
    }

    init(at offset: Int, in bytes: [UInt8], expected: String, found: String?) {
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
                column += 1
            }
        }
        self.init(line: line, column: column, expected: expected, found: found ?? Self.describe(bytes, at: offset))
    }

    init(line: Int, column: Int, expected: String, found: String) {
        self.line = line
        self.column = column
        self.expected = expected
        self.found = found
    }

    static func describe(_ bytes: [UInt8], at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the input" }
        switch bytes[offset] {
        case UInt8(ascii: "\n"): return "a line break"
        case UInt8(ascii: "\t"): return "a tab"
        case 0..<0x20: return "control character U+" + String(bytes[offset], radix: 16, uppercase: true)
        case 0x80...:
            var end = offset + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80, end - offset < 4 { end += 1 }
            return String(validating: bytes[offset..<end], as: UTF8.self).map { "'\($0)'" } ?? "invalid UTF-8"
        default: return "'\(Character(Unicode.Scalar(bytes[offset])))'"
        }
    }
}
