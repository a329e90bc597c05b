import Foundation
import QuorumCore
import Testing

/// Core's one JSON writer, here into a `String` (QuorumProviders' tests write into `ByteBuffer`).
@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings are escaped and numbers keep integers integral")
    func escaping() throws {
        let value: JSONValue = ["text": "quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂", "n": 512, "t": 0.7]
        var written = ""
        JSONWriter.write(value, into: &written)
        #expect(written == #"{"n":512,"t":0.7,"text":"quote \" backslash \\ newline \n tab \t bell \u0007 é 🙂"}"#)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(written.utf8))
        #expect(decoded == value)
    }

    @Test("a quoted string escapes quotes, backslashes and control characters only", arguments: [
        ("", #""""#), ("plain / slash", #""plain / slash""#), ("quote \" backslash \\", #""quote \" backslash \\""#),
        ("line\nbreak\ttab\r", #""line\nbreak\ttab\r""#), ("control \u{01}\u{1F}\u{7F}", "\"control \\u0001\\u001f\u{7F}\""),
        ("emoji 🧮 ünïcødé", #""emoji 🧮 ünïcødé""#),
    ])
    func quoted(text: String, literal: String) {
        #expect(JSONWriter.quoted(text) == literal)
    }

    @Test("numbers JSON cannot carry are written as null, large ones in exponent form")
    func numbers() {
        var written = ""
        JSONWriter.write([.number(.infinity), .number(.nan), 1e20, -0.5, 12], into: &written)
        #expect(written == "[null,null,1e+20,-0.5,12]")
    }
}
