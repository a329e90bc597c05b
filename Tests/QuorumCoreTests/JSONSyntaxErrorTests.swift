import Foundation
import QuorumCore
import Testing

@Suite("JSON syntax errors")
struct JSONSyntaxErrorTests {
    @Test("the first error is named by line, column and what was expected", arguments: [
        ("", 1, 1, "a value", "the end of the input"),
        ("{\"a\": 1,\n  x}", 2, 3, "a key in double quotes", "'x'"),
        ("{\"a\": nul}", 1, 7, "a value ('null'?)", "'nul'"),
        ("[1, 2", 1, 6, "',' or ']' after an element", "the end of the input"),
        ("{\"a\" 1}", 1, 6, "':' after the key", "'1'"),
        ("\"x\\q\"", 1, 4, "an escape", "'q'"),
        ("\"\\u12G4\"", 1, 6, "four hex digits", "'G'"),
        ("-", 1, 2, "a digit", "the end of the input"),
        ("1.", 1, 3, "a digit after '.'", "the end of the input"),
        ("1e+", 1, 4, "a digit in the exponent", "the end of the input"),
        ("\"héllo\" x", 1, 9, "nothing after the value", "'x'"),
        ("\"open", 1, 6, "a closing '\"'", "the end of the input"),
        ("[\"a\nb\"]", 1, 4, "a closing '\"' (control characters in strings must be escaped", "a line break"),
    ])
    func located(_ text: String, _ line: Int, _ column: Int, _ expected: String, _ found: String) throws {
        let error = try #require(JSONSyntaxError.find(in: text))
        #expect(error.line == line && error.column == column)
        #expect(error.expected.hasPrefix(expected))
        #expect(error.found == found)
        #expect(error.description.hasPrefix("line \(line), column \(column): expected "))
    }

    @Test("valid documents have no error, and agree with JSONSerialization on which are JSON", arguments: [
        "{}", "[]", "0", "-0.5e-3", "\u{FEFF}[1]", "\"\\u00e9\\n\"", "{\"a\": [true, false, null, {\"b\": \"c\"}]}", " \n\t[1]\r\n",
        "01", "[1,]", "{\"a\":1,}", "[1,,]", "[,]", "\"\u{7}\"", "tru", "[1 2]", "+1", ".5", "1e", "{\"a\"}", "\"\\ud83d\\ude00\"",
    ])
    func agreesWithFoundation(_ text: String) {
        let foundation = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
        #expect((JSONSyntaxError.find(in: text) == nil) == foundation, "\(text)")
    }

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000)
        let error = try #require(JSONSyntaxError.find(in: deep))
        #expect(error.column == JSONSyntaxError.maximumDepth + 1 && error.expected.contains("levels of nesting"))
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(JSONSyntaxError.find(in: fine) == nil)
    }
}
