import Foundation
import NIOCore
import QuorumCore
import Testing
@testable import QuorumServer

/// The hand-written reader of request bodies gives what `JSONDecoder` gives; what it gives up on
/// goes to `JSONDecoder`, so errors still name the field.
@Suite("Gateway: hand-written request reading")
struct RequestReadingTests {
    static let bodies = [
        #"{"model":"cheap","messages":[{"role":"user","content":"What is 6 x 7?"}]}"#,
        #"{"model":"cascade","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Quote \" é 🙂 \u00e9\n"}],"stream":true,"stream_options":{"include_usage":true},"temperature":0.7,"top_p":1,"max_tokens":64,"seed":7,"n":1,"stop":"\n\n"}"#,
        #"{"messages":[{"role":"developer","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":null}]},{"role":"assistant","content":null,"name":"bot"}],"model":"m","stop":["a","b"],"max_completion_tokens":9,"user":"u-1","metadata":{"k":[1,2,{"x":null}]},"stream":null,"temperature":null}"#,
        " \n{ \"model\" : \"m\" , \"messages\" : [ { \"role\" : \"user\" , \"content\" : \"\" } ] } \n",
    ]

    @Test("typical bodies read as JSONDecoder reads them, on the fast path", arguments: bodies)
    func sameAsJSONDecoder(body: String) throws {
        let fast = ChatCompletionRequest.read(ByteBuffer(string: body))
        let slow = try JSONDecoder().decode(ChatCompletionRequest.self, from: Data(body.utf8))
        #expect(fast != nil)
        #expect(fast == slow)
    }

    @Test("bodies the reader leaves to JSONDecoder", arguments: [
        #"{"messages":[{"role":"user","content":"x"}]}"#,  // no model: JSONDecoder names it
        #"{"model":"m","messages":[{"content":"x"}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":"10"}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":10.0}"#,
        #"{"model":"m","model":"n","messages":[]}"#,
        #"{"model":"m","messages":[],"response_format":{"type":"json_object"}}"#,
        #"{"model":"m","messages":[] "#,
    ])
    func leftToJSONDecoder(body: String) {
        #expect(ChatCompletionRequest.read(ByteBuffer(string: body)) == nil)
    }

    @Test("a body nested 100,000 deep is left to JSONDecoder, not read until the stack overflows (found by fuzzing)")
    func deeplyNestedBody() {
        let body = #"{"model":"m","messages":[{"role":"user","content":"x"}],"metadata":"# + String(repeating: "[", count: 100_000)
        #expect(ChatCompletionRequest.read(ByteBuffer(string: body)) == nil)
        #expect((try? JSONDecoder().decode(ChatCompletionRequest.self, from: Data(body.utf8))) == nil)
    }
}
