import Foundation
import NIOCore
import QuorumCore
import Testing
@testable import QuorumProviders

/// The hand-written reader of OpenAI answers and chunks gives what `JSONDecoder` gives, and the
/// wire still names malformed answers.
@Suite("OpenAI wire: hand-written reading")
struct OpenAIResponseReadingTests {
    static let documents = [
        // A whole answer as OpenAI sends it, with fields Quorum does not read.
        #"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp","choices":[{"index":0,"message":{"role":"assistant","content":"Hi \"there\"\n\u00e9🙂","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}"#,
        // A refusal; a second choice listed first; DeepSeek's cache field; OpenRouter's cost as a number and as a string.
        #"{"choices":[{"index":1,"message":{"content":"b"}},{"index":0,"message":{"content":null,"refusal":"no"},"finish_reason":"content_filter"}],"usage":{"prompt_tokens":5,"completion_tokens":0,"prompt_cache_hit_tokens":2,"cost":0.0001234}}"#,
        #"{"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":1,"completion_tokens":1,"cost":"0.000042"}}"#,
        // Streamed chunks: role, content, finish, usage-only, Groq's usage.
        #"{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
        #"{"id":"c","choices":[{"index":0,"delta":{"content":" tab\t"},"finish_reason":null}]}"#,
        #"{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"#,
        #"{"id":"c","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}"#,
        #"{"id":"c","choices":[{"delta":{"content":"g"}}],"x_groq":{"id":"req","usage":{"prompt_tokens":7,"completion_tokens":2}}}"#,
        // Token logprobs, whole (with top alternatives and bytes) and streamed.
        #"{"choices":[{"index":0,"message":{"content":"42"},"logprobs":{"content":[{"id":1,"token":"4","bytes":[52],"logprob":-0.01,"top_logprobs":[{"id":1,"token":"4","bytes":[52],"logprob":-0.01},{"token":"5","logprob":-4.6}]},{"token":"2","logprob":-0.3,"top_logprobs":[]}],"refusal":null}}]}"#,
        #"{"choices":[{"index":0,"delta":{"content":"4"},"logprobs":{"content":[{"token":"4","logprob":-1.5e-3}]}}]}"#,
        // An in-band error, nulls everywhere.
        #"{"error":{"message":"overloaded","type":"server_error","code":529,"param":null}}"#,
        #"{"id":null,"model":null,"choices":null,"usage":null,"error":null,"x_groq":null}"#,
        #"{}"#,
    ]

    @Test("every sample reads as JSONDecoder reads it, on the fast path", arguments: documents)
    func sameAsJSONDecoder(document: String) throws {
        let fast = OpenAIResponse.read(ByteBuffer(string: document))
        let slow = try JSONDecoder().decode(OpenAIResponse.self, from: Data(document.utf8))
        #expect(fast != nil)
        #expect(fast == slow)
    }

    @Test("what the reader gives up on still decodes, or fails as before", arguments: [
        #"{"choices":[{"index":0.0,"message":{"content":"x"}}]}"#,  // JSONDecoder's business
        #"{"id":"a","id":"b","choices":[]}"#,
    ])
    func fallsBack(document: String) throws {
        #expect(OpenAIResponse.read(ByteBuffer(string: document)) == nil)
    }

    @Test("a malformed answer is still a malformedResponse that names the model")
    func malformed() throws {
        let wire = OpenAIWire(
            url: "http://127.0.0.1:1/v1/chat/completions", model: "m", modelName: "cheap", headers: [],
            quirks: OpenAIQuirks(), redactor: Redactor(secrets: []))
        for body in [#"{"choices": [ "#, #"{"choices": "nope"}"#, "<html>502</html>"] {
            let error = #expect(throws: QuorumError.self) { try wire.decodeCompletion(ByteBuffer(string: body)) }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.context["model"] == "cheap")
        }
        let answer = try wire.decodeCompletion(ByteBuffer(string: Self.documents[0]))
        #expect(answer.text == "Hi \"there\"\n\u{e9}🙂")
        #expect(answer.usage == Usage(promptTokens: 12, completionTokens: 3, cachedPromptTokens: 4))
    }
}
