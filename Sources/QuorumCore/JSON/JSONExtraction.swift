import Foundation

/// Finds the JSON object a model meant to write, however it wrapped it.
///
/// Tried in order: the whole text, a fenced ```json block, and the span from the first `{` to the
/// last `}`, each first as is and then after common repairs (trailing commas, smart quotes,
/// single-quoted strings, Python literals, unquoted keys, raw newlines inside strings).
package enum JSONExtraction {
    /// The first JSON object found in `text`, or `nil`.
    package static func object(in text: String) -> [String: JSONValue]? {
        for candidate in candidates(in: text) {
            if let object = decode(candidate) ?? decode(repair(candidate)) { return object }
        }
        return nil
    }

    static func candidates(in text: String) -> [String] {
        var result = [text.trimmingCharacters(in: .whitespacesAndNewlines)]
        if let fenced = fencedBlock(in: text) { result.append(fenced) }
        if let first = text.firstIndex(of: "{"), let last = text.lastIndex(of: "}"), first < last {
            result.append(String(text[first...last]))
        }
        return result
    }

    static func fencedBlock(in text: String) -> String? {
        guard let open = text.range(of: "```") else { return nil }
        var body = text[open.upperBound...]
        if let newline = body.firstIndex(of: "\n") { body = body[body.index(after: newline)...] }
        guard let close = body.range(of: "```") else { return nil }
        return String(body[..<close.lowerBound])
    }

    static func decode(_ text: String) -> [String: JSONValue]? {
        JSONReader.parse(text)?.objectValue
    }

    /// Common ways small models break JSON, fixed textually.
    static func repair(_ text: String) -> String {
        var result = text
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2018}", with: "'").replacingOccurrences(of: "\u{2019}", with: "'")
        result = escapeInsideStrings(result)
        let replacements: [(String, String)] = [
            (#",\s*([}\]])"#, "$1"),  // trailing commas
            (#"(?<=[{:\[,\s])'([^'"\\]*)'"#, "\"$1\""),  // single-quoted strings
            (#"(?<=[:\[,\s])True(?=\s*[,}\]])"#, "true"),
            (#"(?<=[:\[,\s])False(?=\s*[,}\]])"#, "false"),
            (#"(?<=[:\[,\s])None(?=\s*[,}\]])"#, "null"),
            (#"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:"#, "$1\"$2\":"),  // unquoted keys
            (#"(:\s*)\+(\d)"#, "$1$2"),  // +7
        ]
        for (pattern, template) in replacements {
            result = result.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return result
    }

    /// Raw newlines and tabs inside string literals are invalid JSON; escape them.
    static func escapeInsideStrings(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                } else if character == "\n" {
                    result += "\\n"
                    continue
                } else if character == "\t" {
                    result += "\\t"
                    continue
                }
            } else if character == "\"" {
                inString = true
            }
            result.append(character)
        }
        return result
    }
}
