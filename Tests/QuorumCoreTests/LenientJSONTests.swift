import QuorumCore
import Testing

/// The readers of JSON in model output: `JSONExtraction` (judges) and `LenientJSON` (CoEval).
@Suite("JSON in model output")
struct LenientJSONTests {
    @Test("repairs common mistakes before giving up")
    func repairs() {
        let object = JSONExtraction.object(in: "Verdict:\n{score: 0.5, 'verdict': 'Valid', ok: True, note: \"two\nlines\",}\nThanks")
        #expect(object == ["score": 0.5, "verdict": "Valid", "ok": true, "note": "two\nlines"])
    }

    @Test("the first object in a reply is read leniently, with what had to be repaired")
    func lenient() throws {
        let reading = try #require(LenientJSON.parse("Sure:\n```json\n{b: 'x', \"a\": [1, True, None,],}\n```"))
        #expect(reading.value == ["b": "x", "a": [1, true, nil]])
        #expect(reading.repairs == [.codeFence, .surroundingProse, .trailingComma, .singleQuotes, .unquotedKey])
    }

    @Test("objects keep the order their keys were written in, a repeated key its first value")
    func keyOrder() throws {
        let reading = try #require(LenientJSON.parse(#"{"z": {"y": 1, "x": 2}, "a": [{"q": 1}], "m": 3, "z": 4}"#))
        #expect(reading.members(at: [])?.map(\.key) == ["z", "a", "m"])
        #expect(reading.members(at: ["z"])?.map(\.key) == ["y", "x"])
        #expect(reading.members(at: ["m"]) == nil)
        #expect(reading.value["z"] == ["y": 1, "x": 2])
    }
}
