/// Writes JSON text: whole `JSONValue`s, and the strings and numbers of the bodies written field
/// by field (the gateway's responses, the store's traces), so JSON is escaped in one place.
///
/// Request bodies are built as `JSONValue` (vendor extras merge in naturally) and written here
/// rather than through `JSONEncoder`, which on Linux costs several times more per request on the
/// hot path the benchmark measures. Keys are written sorted, so bodies are deterministic.
package enum JSONWriter {
    @inlinable
    package static func write(_ value: JSONValue, into output: inout some JSONOutput) {
        switch value {
        case .null: output.writeJSON("null")
        case .bool(let flag): output.writeJSON(flag ? "true" : "false")
        case .number(let number): writeNumber(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let items):
            output.writeJSON(byte: UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.writeJSON(byte: UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.writeJSON(byte: UInt8(ascii: "]"))
        case .object(let members):
            output.writeJSON(byte: UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.writeJSON(byte: UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.writeJSON(byte: UInt8(ascii: ":"))
                write(members[key]!, into: &output)
            }
            output.writeJSON(byte: UInt8(ascii: "}"))
        }
    }

    /// Writes `number` as `JSONValue` encodes it: whole numbers without a fraction (`512`, not
    /// `512.0`), others in Swift's shortest round-trip form, and `null` for what JSON cannot carry.
    @inlinable
    package static func writeNumber(_ number: Double, into output: inout some JSONOutput) {
        guard number.isFinite else {
            output.writeJSON("null")
            return
        }
        if number.rounded() == number, abs(number) < 1e15 {
            writeInteger(Int(number), into: &output)
        } else {
            output.writeJSON(String(number)[...].utf8)  // shortest round-trip form, valid JSON
        }
    }

    @inlinable
    package static func writeInteger(_ number: Int, into output: inout some JSONOutput) {
        output.writeJSON(String(number)[...].utf8)
    }

    /// Writes `text` as a JSON string: quotes, backslashes and control characters escaped, `/` and
    /// non-ASCII as they are (as `JSONEncoder` with `.withoutEscapingSlashes`).
    @inlinable
    package static func writeString(_ text: String, into output: inout some JSONOutput) {
        output.writeJSON(byte: UInt8(ascii: "\""))
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 {
                output.writeJSON(utf8[runStart..<index])
                switch byte {
                case 0x22: output.writeJSON("\\\"")
                case 0x5C: output.writeJSON("\\\\")
                case 0x0A: output.writeJSON("\\n")
                case 0x0D: output.writeJSON("\\r")
                case 0x09: output.writeJSON("\\t")
                default:
                    output.writeJSON("\\u00")
                    output.writeJSON(byte: hexDigit(byte >> 4))
                    output.writeJSON(byte: hexDigit(byte & 0x0F))
                }
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output.writeJSON(utf8[runStart..<utf8.endIndex])
        output.writeJSON(byte: UInt8(ascii: "\""))
    }

    /// `text` as a JSON string literal, for JSON put inside other text (a prompt, an export line).
    package static func quoted(_ text: String) -> String {
        var literal = ""
        writeString(text, into: &literal)
        return literal
    }

    /// The lowercase hex digit of `nibble` (0–15), as `JSONEncoder` writes `\u001f`.
    @usableFromInline
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
