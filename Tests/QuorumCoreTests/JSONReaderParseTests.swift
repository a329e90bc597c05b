import QuorumCore
import Testing

/// `JSONReader.parse`, the strict reader of text with no `JSONDecoder` behind it (judges' replies).
@Suite("JSON reader: whole texts")
struct JSONReaderParseTests {
    @Test("parses strict JSON into JSONValue")
    func strict() {
        let value = JSONReader.parse(#" {"a": [1, -2.5e1, true, false, null], "s": "x\"y\\z\n\u00e9\ud83d\ude00", "o": {}} "#)
        #expect(value == ["a": [1, -25, true, false, nil], "s": "x\"y\\z\né😀", "o": [:]])
    }

    @Test("rejects what is not exactly one JSON value", arguments: ["", "{", "[1,]", "{\"a\" 1}", "1 2", "\"raw\nline\"", "tru"])
    func rejects(text: String) {
        #expect(JSONReader.parse(text) == Optional<JSONValue>.none)
    }

    @Test("reads the keys the fast path gives up on: escaped, beyond ASCII, repeated (the last wins)")
    func keys() {
        #expect(JSONReader.parse(#"{"cl\u00e9": 1, "naïve": 2, "a": 3, "a": 4}"#) == ["clé": 1, "naïve": 2, "a": 4])
    }

    @Test("numbers are what Double reads", arguments: [("+7", 7.0), (".5", 0.5), ("07", 7), ("1e400", .infinity)])
    func looseNumbers(text: String, number: Double) {
        #expect(JSONReader.parse(text) == .number(number))
    }
}
