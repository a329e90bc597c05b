import AsyncHTTPClient
import Foundation
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Synchronization

/// The key every test config uses; no output may ever contain it.
let secretKey = "sk-test-SECRET-9f8e7d6c5b4a"

/// The two ways a model reaches an upstream: AsyncHTTPClient (every command, and TLS), and
/// `LoopHTTPClient` (`quorum serve` for plain `http://` upstreams, as the stub is).
enum StubTransport: String, CaseIterable, Sendable {
    case asyncHTTPClient, loopClient

    func makeClients() -> HTTPClients {
        switch self {
        case .asyncHTTPClient: HTTPClients(shared: HTTPClient(eventLoopGroupProvider: .singleton))
        case .loopClient: HTTPClients.perEventLoop(configuration: HTTPClient.Configuration())
        }
    }
}

/// Runs `body` with a model of `provider` pointed at a stub that serves `responses`, once over
/// each `StubTransport` (a fresh stub each time), so every behaviour holds for both clients.
/// Returns the last run's result; a failure names the transport it happened with.
func withStubModel<T: Sendable>(
    _ responses: [StubResponse], provider: String = "groq", model: String = "test-model",
    configure: (inout ModelConfig) -> Void = { _ in }, logs: LogCapture? = nil,
    transports: [StubTransport] = StubTransport.allCases,
    _ body: (any ChatModel, StubServer) async throws -> T
) async throws -> T {
    var last: T?
    for transport in transports {
        let clients = transport.makeClients()
        do {
            last = try await StubServer.run(responses) { server in
                var config = ModelConfig(name: "stubbed", provider: provider, model: model)
                config.apiKey = secretKey
                config.baseURL = server.baseURL + "/v1"
                config.retries = 2
                configure(&config)
                var logger = Logger(label: "test") { _ -> any LogHandler in logs.map { $0.handler() } ?? SwiftLogNoOpLogHandler() }
                logger.logLevel = .trace
                let factory = ModelFactory(
                    clients: clients, logger: logger, environment: [:], retryPolicy: RetryPolicy(baseDelay: 0.001))
                return try await body(try factory.makeModel(config), server)
            }
            try await clients.shutdown()
        } catch {
            try? await clients.shutdown()
            throw TransportFailure(transport: transport, error: error)
        }
    }
    return last!
}

/// A test failure, with the transport it happened over.
struct TransportFailure: Error, CustomStringConvertible {
    let transport: StubTransport
    let error: any Error
    var description: String { "over \(transport.rawValue): \(error)" }
}

/// Collects a stream: the text handed out, and the final completion.
func collect(_ stream: AsyncThrowingStream<CompletionDelta, any Error>) async throws -> (String, Completion?) {
    var text = ""
    var completion: Completion?
    for try await delta in stream {
        text += delta.text
        if let final = delta.completion { completion = final }
    }
    return (text, completion)
}

/// The error `body` throws, as a `QuorumError` (fails the test when it throws nothing).
func quorumError(_ body: () async throws -> Void) async -> QuorumError? {
    do {
        try await body()
        return nil
    } catch let error as QuorumError {
        return error
    } catch {
        return QuorumError(.internal, "unexpected error type: \(error)")
    }
}

/// Captures every log line (message and metadata) written through its handlers.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])

    func handler() -> CaptureHandler { CaptureHandler(capture: self) }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    struct CaptureHandler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
            capture.lines.withLock { $0.append("\(event.level) \(event.message) \(all)") }
        }
    }
}

/// An OpenAI `chat.completion` body.
func openAIBody(
    _ text: String, prompt: Int = 11, completion: Int = 5, cached: Int = 0, finish: String = "stop",
    extraUsage: String = ""
) -> String {
    """
    {"id":"chatcmpl-123","object":"chat.completion","created":1,"model":"test-model-0613",\
    "choices":[{"index":0,"message":{"role":"assistant","content":\(jsonString(text))},"finish_reason":"\(finish)"}],\
    "usage":{"prompt_tokens":\(prompt),"completion_tokens":\(completion),"total_tokens":\(prompt + completion),\
    "prompt_tokens_details":{"cached_tokens":\(cached)}\(extraUsage)}}
    """
}

/// OpenAI `chat.completion.chunk` events for `pieces`, a usage chunk and `[DONE]`.
func openAIStream(_ pieces: [String], usage: Bool = true, done: Bool = true) -> [String] {
    var payloads = [#"{"id":"chatcmpl-9","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#]
    payloads += pieces.map {
        #"{"id":"chatcmpl-9","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{"content":"#
            + jsonString($0) + #"},"finish_reason":null}]}"#
    }
    payloads.append(#"{"id":"chatcmpl-9","object":"chat.completion.chunk","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#)
    if usage {
        payloads.append(#"{"id":"chatcmpl-9","object":"chat.completion.chunk","model":"m","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}"#)
    }
    if done { payloads.append("[DONE]") }
    return StubResponse.dataEvents(payloads)
}

func jsonString(_ text: String) -> String {
    String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
}

/// The JSON body a stub received, decoded.
func jsonBody(_ request: StubRequest) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(request.body.utf8))
}
