import Foundation
import QuorumCore
import NIOCore
import Testing

@testable import QuorumProviders

@Suite("SSE parser")
struct SSEParserTests {
    @Test("events split across arbitrary chunk boundaries come out whole")
    func chunkBoundaries() {
        let text = "event: message_start\ndata: {\"a\":1}\n\n: keep-alive\n\ndata: [DONE]\n\n"
        for split in 1..<text.utf8.count {
            var parser = SSEParser()
            let bytes = Array(text.utf8)
            let events = parser.feed(bytes: bytes[..<split]) + parser.feed(bytes: bytes[split...])
            #expect(events == [SSEEvent(event: "message_start", data: "{\"a\":1}"), SSEEvent(event: nil, data: "[DONE]")])
        }
    }

    @Test("CRLF and CR line endings, multi-line data and a missing space after the colon")
    func lineEndings() {
        var parser = SSEParser()
        let events = parser.feed(bytes: Array("data:one\r\ndata: two\r\n\r\ndata: three\r\r".utf8))
        #expect(events == [SSEEvent(event: nil, data: "one\ntwo"), SSEEvent(event: nil, data: "three")])
    }

    @Test("an event left open at the end of the body is returned by finish")
    func unterminated() {
        var parser = SSEParser()
        #expect(parser.feed(bytes: Array("data: last".utf8)).isEmpty)
        #expect(parser.finish() == SSEEvent(event: nil, data: "last"))
        #expect(parser.finish() == nil)
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("strings are escaped and numbers keep integers integral")
    func escaping() throws {
        let value: JSONValue = ["text": "quote \" backslash \\ newline \n tab \t bell \u{07} é 🙂", "n": 512, "t": 0.7]
        let written = String(buffer: JSONWriter.buffer(for: value))
        #expect(written == #"{"n":512,"t":0.7,"text":"quote \" backslash \\ newline \n tab \t bell \u0007 é 🙂"}"#)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(written.utf8))
        #expect(decoded == value)
    }
}
