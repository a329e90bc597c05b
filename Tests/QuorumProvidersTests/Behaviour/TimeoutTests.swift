import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Timeouts and cut streams")
struct TimeoutTests {
    @Test("a first byte slower than the deadline is a timeout, retried, then answered")
    func slowFirstByte() async throws {
        let slow = StubResponse.json(openAIBody("late"), headDelay: .seconds(30))
        try await withStubModel([slow, .json(openAIBody("ok"))], configure: { $0.timeout = ConfigDuration(seconds: 1.5) }) {
            model, server in
            let started = ContinuousClock.now
            let completion = try await model.complete(ChatRequest(prompt: "q"))
            #expect(completion.text == "ok")
            #expect(completion.attempts >= 2)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test("a body that stalls after the head still hits the whole-request deadline")
    func stalledBody() async throws {
        let stalled = StubResponse(headers: [("content-type", "application/json")], chunks: ["{\"id\":", "\"x\"}"], chunkDelay: .seconds(30))
        try await withStubModel([stalled], configure: {
            $0.timeout = ConfigDuration(seconds: 1)
            $0.retries = 0
        }) { model, _ in
            let started = ContinuousClock.now
            let error = await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) }
            #expect(error?.kind == .timeout)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test("a stream silent for longer than the idle timeout fails with a timeout")
    func streamIdle() async throws {
        let silent = StubResponse.sse(openAIStream(["a", "b"]), chunkDelay: .seconds(30))
        try await withStubModel([silent], configure: {
            $0.streamIdleTimeout = ConfigDuration(seconds: 0.5)
            $0.retries = 0
        }) { model, _ in
            let started = ContinuousClock.now
            let error = await quorumError { _ = try await collect(model.stream(ChatRequest(prompt: "q"))) }
            #expect(error?.kind == .timeout)
            #expect(error?.message.contains("idle") == true)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test("a stream cut after tokens were handed out is an error and is not retried")
    func cutAfterTokens() async throws {
        let events = openAIStream(["one ", "two ", "three"])
        try await withStubModel([.sse(events, cutAfter: 3), .sse(events)]) { model, server in
            var received = ""
            let error = await quorumError {
                for try await delta in model.stream(ChatRequest(prompt: "q")) { received += delta.text }
            }
            #expect(error?.kind == .streamInterrupted)
            #expect(received == "one two ")
            #expect(await server.requests().count == 1)
        }
    }

    @Test("a stream without [DONE] is interrupted, never a silently short answer")
    func missingDone() async throws {
        try await withStubModel([.sse(openAIStream(["all"], done: false))], configure: { $0.retries = 0 }) { model, _ in
            let error = await quorumError { _ = try await collect(model.stream(ChatRequest(prompt: "q"))) }
            #expect(error?.kind == .streamInterrupted)
        }
    }

    @Test("a stream cut before any token is retried")
    func cutBeforeTokens() async throws {
        let events = openAIStream(["whole"])
        try await withStubModel([.sse(events, cutAfter: 1), .sse(events)]) { model, server in
            let (text, completion) = try await collect(model.stream(ChatRequest(prompt: "q")))
            #expect(text == "whole")
            #expect(completion?.attempts == 2)
            #expect(await server.requests().count == 2)
        }
    }

    @Test("an error event inside a stream is a typed error")
    func inBandError() async throws {
        let events = StubResponse.dataEvents([#"{"error":{"message":"upstream model crashed","code":502}}"#])
        try await withStubModel([.sse(events)], configure: { $0.retries = 0 }) { model, _ in
            let error = await quorumError { _ = try await collect(model.stream(ChatRequest(prompt: "q"))) }
            #expect(error?.kind == .upstreamUnavailable)
            #expect(error?.message.contains("upstream model crashed") == true)
        }
    }
}
