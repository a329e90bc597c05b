/// Walks JSON's grammar (RFC 8259) over UTF-8 bytes, stopping at the first byte that breaks it.
/// Only checks; builds nothing. Nesting is bounded, so no input can exhaust the stack.
///
/// Like Foundation's `JSONDecoder` on Linux, it accepts a trailing comma before `]` or `}`: the
/// scanner explains why the decoder refused a text, so it must not refuse more than the decoder.
struct JSONSyntaxScanner {
    struct Failure {
        var offset: Int
        var expected: String
        /// What is there, when more than the one character at `offset` says it (a misspelled word).
        var found: String? = nil
    }

    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// One value and nothing but whitespace after it (after a byte-order mark, which Foundation skips too).
    mutating func document() -> Failure? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if let failure = value(depth: 0) { return failure }
        skipWhitespace()
        return index < bytes.count ? Failure(offset: index, expected: "nothing after the value") : nil
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func fail(_ expected: String) -> Failure { Failure(offset: index, expected: expected) }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) -> Failure? {
        skipWhitespace()
        guard depth < JSONSyntaxError.maximumDepth else { return fail("at most \(JSONSyntaxError.maximumDepth) levels of nesting") }
        guard let byte = current else { return fail("a value (an object, array, string, number, true, false or null)") }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"): return word("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return fail("a value (an object, array, string, number, true, false or null)")
        }
    }

    private mutating func object(depth: Int) -> Failure? {
        container(closedBy: UInt8(ascii: "}"), expecting: "',' or '}' after a member") { scanner in
            guard scanner.current == UInt8(ascii: "\"") else { return scanner.fail("a key in double quotes") }
            if let failure = scanner.string() { return failure }
            scanner.skipWhitespace()
            guard scanner.current == UInt8(ascii: ":") else { return scanner.fail("':' after the key") }
            scanner.index += 1
            return scanner.value(depth: depth + 1)
        }
    }

    private mutating func array(depth: Int) -> Failure? {
        container(closedBy: UInt8(ascii: "]"), expecting: "',' or ']' after an element") { $0.value(depth: depth + 1) }
    }

    /// The comma-separated members of an object or array (the opening bracket at the scanner),
    /// each checked by `member`; a closing bracket right after a comma is accepted.
    private mutating func container(
        closedBy close: UInt8, expecting separator: String, _ member: (inout JSONSyntaxScanner) -> Failure?
    ) -> Failure? {
        index += 1
        while true {
            skipWhitespace()
            if current == close {
                index += 1
                return nil
            }
            if let failure = member(&self) { return failure }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case close:
                index += 1
                return nil
            default: return fail(separator)
            }
        }
    }

    private mutating func string() -> Failure? {
        index += 1
        let start = index
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                guard String(validating: bytes[start..<index], as: UTF8.self) != nil else {
                    return Failure(offset: start, expected: "a string of valid UTF-8")
                }
                index += 1
                return nil
            case UInt8(ascii: "\\"):
                index += 1
                if let failure = escape() { return failure }
            case 0..<0x20:
                return fail("a closing '\"' (control characters in strings must be escaped, e.g. \\n)")
            default: index += 1
            }
        }
        return fail("a closing '\"'")
    }

    private mutating func escape() -> Failure? {
        switch current {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 1
            return nil
        case UInt8(ascii: "u"):
            index += 1
            for _ in 0..<4 {
                guard let byte = current, byte.isHexDigit else { return fail("four hex digits after \\u") }
                index += 1
            }
            return nil
        default: return fail("an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX")
        }
    }

    private mutating func number() -> Failure? {
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else if !digits() {
            return fail("a digit")
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return fail("a digit after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return fail("a digit in the exponent") }
        }
        return nil
    }

    /// Consumes digits; whether there was at least one.
    private mutating func digits() -> Bool {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index > start
    }

    private mutating func word(_ word: StaticString) -> Failure? {
        let start = index
        for offset in 0..<word.utf8CodeUnitCount {
            guard current == word.utf8Start[offset] else {
                var end = start
                while end < bytes.count, end - start < 20, Character(Unicode.Scalar(bytes[end])).isLetter { end += 1 }
                let letters = String(decoding: bytes[start..<max(end, start + 1)], as: UTF8.self)
                return Failure(offset: start, expected: "a value ('\(word)'?)", found: "'\(letters)'")
            }
            index += 1
        }
        return nil
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
