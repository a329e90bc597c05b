import QuorumCore
import Testing

@testable import QuorumOrchestration

@Suite("JSON parsing")
struct JSONParsingTests {
    @Test("repairs common mistakes before giving up")
    func repairs() {
        let object = JSONExtraction.object(in: "Verdict:\n{score: 0.5, 'verdict': 'Valid', ok: True, note: \"two\nlines\",}\nThanks")
        #expect(object == ["score": 0.5, "verdict": "Valid", "ok": true, "note": "two\nlines"])
    }
}
