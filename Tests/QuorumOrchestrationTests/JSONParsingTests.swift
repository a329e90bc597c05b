import QuorumCore
import Testing

@testable import QuorumOrchestration

@Suite("JSON parsing")
struct JSONParsingTests {
    @Test("parses strict JSON into JSONValue")
    func strict() {
        let value = JSONParser.parse(#" {"a": [1, -2.5e1, true, false, null], "s": "x\"y\\z\n\u00e9\ud83d\ude00", "o": {}} "#)
        #expect(value == ["a": [1, -25, true, false, nil], "s": "x\"y\\z\né😀", "o": [:]])
    }

    @Test("rejects what is not exactly one JSON value", arguments: ["", "{", "[1,]", "{\"a\" 1}", "1 2", "\"raw\nline\"", "tru"])
    func rejects(text: String) {
        #expect(JSONParser.parse(text) == Optional<JSONValue>.none)
    }

    @Test("repairs common mistakes before giving up")
    func repairs() {
        let object = JSONExtraction.object(in: "Verdict:\n{score: 0.5, 'verdict': 'Valid', ok: True, note: \"two\nlines\",}\nThanks")
        #expect(object == ["score": 0.5, "verdict": "Valid", "ok": true, "note": "two\nlines"])
    }
}
