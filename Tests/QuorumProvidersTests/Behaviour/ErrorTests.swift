import AsyncHTTPClient
import Logging
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

@Suite("Typed errors and redaction")
struct ErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var status: Int
        var body: String
        var kind: QuorumError.Kind
        var testDescription: String { "HTTP \(status) → \(kind.rawValue)" }
    }

    static let cases: [Case] = [
        Case(status: 401, body: #"{"error":{"message":"Incorrect API key provided: \#(secretKey). You can find your API key at https://platform.openai.com.","type":"invalid_request_error","code":"invalid_api_key"}}"#, kind: .authentication),
        Case(status: 403, body: #"{"error":{"message":"forbidden"}}"#, kind: .authentication),
        Case(status: 404, body: #"{"error":{"message":"The model `nope` does not exist","code":"model_not_found"}}"#, kind: .notFound),
        Case(status: 400, body: #"{"error":{"message":"This model's maximum context length is 8192 tokens.","code":"context_length_exceeded"}}"#, kind: .contextTooLong),
        Case(status: 400, body: #"{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.","code":"content_filter"}}"#, kind: .contentFiltered),
        Case(status: 400, body: #"{"error":{"message":"temperature must be at most 2"}}"#, kind: .invalidRequest),
        Case(status: 422, body: #"{"detail":"Extra inputs are not permitted"}"#, kind: .invalidRequest),
        Case(status: 429, body: #"{"error":{"message":"You exceeded your current quota","code":"insufficient_quota"}}"#, kind: .quotaExhausted),
        Case(status: 503, body: "<html>Service Unavailable</html>", kind: .upstreamUnavailable),
    ]

    @Test("each HTTP failure maps to its kind with the model name and the vendor's message", arguments: cases)
    func classification(_ testCase: Case) async throws {
        let failing = StubResponse.json(testCase.body, status: .init(statusCode: testCase.status))
        try await withStubModel([failing], configure: { $0.retries = 0 }) { model, _ in
            let error = try #require(await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) })
            #expect(error.kind == testCase.kind)
            #expect(error.context["model"] == "stubbed")
            #expect(error.description.contains("model 'stubbed'"))
            #expect(!error.message.isEmpty)
            #expect(!error.description.contains(secretKey))
        }
    }

    @Test("the key never appears in errors or logs, even when the vendor echoes it")
    func noKeyAnywhere() async throws {
        let echo = StubResponse.json(
            #"{"error":{"message":"bad gateway for Bearer \#(secretKey)"}}"#, status: .badGateway)
        let unauthorized = StubResponse.json(
            #"{"error":{"message":"Incorrect API key provided: \#(secretKey)"}}"#, status: .unauthorized)
        let logs = LogCapture()
        try await withStubModel([echo, unauthorized], logs: logs) { model, _ in
            let error = try #require(await quorumError { _ = try await model.complete(ChatRequest(prompt: "q")) })
            #expect(error.kind == .authentication)
            #expect(!"\(error)".contains(secretKey))
            #expect(!String(reflecting: error).contains(secretKey))
            #expect(error.message.contains(Redactor.placeholder))
        }
        #expect(logs.text.contains("retrying"))
        #expect(!logs.text.contains(secretKey))
    }

    @Test("the redactor removes known keys and anything after credential markers")
    func redactor() {
        let redactor = Redactor(secrets: ["abcd1234secret"])
        #expect(redactor.redact("key abcd1234secret leaked") == "key <redacted> leaked")
        #expect(redactor.redact("Authorization: Bearer sk-other-999") == "Authorization: Bearer <redacted>")
        #expect(redactor.redact(#"{"x-api-key": "sk-ant-1"}"#).contains("sk-ant-1") == false)
        #expect(redactor.redact("https://host/v1?key=AIzaXYZ&alt=sse") == "https://host/v1?key=<redacted>&alt=sse")
        #expect(redactor.redact("nothing secret here") == "nothing secret here")
    }

    @Test("a config without a key for a cloud vendor is a configuration error naming the model")
    func missingKey() throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { try? client.syncShutdown() }
        let factory = ModelFactory(httpClient: client, logger: Logger(label: "t"), environment: [:])
        #expect(throws: QuorumError.self) { try factory.makeModel(ModelConfig(name: "gpt", provider: "openai", model: "gpt-4.1")) }
        #expect(throws: QuorumError.self) { try factory.makeModel(ModelConfig(name: "x", provider: "nonsense", model: "m")) }
        let withEnv = ModelFactory(httpClient: client, logger: Logger(label: "t"), environment: ["GROQ_API_KEY": "gsk-1"])
        #expect(try withEnv.makeModel(ModelConfig(name: "g", provider: "groq", model: "llama")).name == "g")
        #expect(try factory.makeModel(ModelConfig(name: "l", provider: "local", model: "smollm2-135m")).name == "l")
    }
}

@Suite("Stored configs")
struct StoredConfigTests {
    @Test("a config snapshot carries no key and no credential header")
    func redactedSnapshot() {
        var config = ModelConfig(name: "gpt", provider: "openai", model: "gpt-4.1")
        config.apiKey = secretKey
        config.headers = ["X-Title": "Quorum", "X-Api-Key": secretKey]
        let stored = config.redactingSecrets
        #expect(stored.apiKey == Redactor.placeholder)
        #expect(stored.headers == ["X-Title": "Quorum", "X-Api-Key": Redactor.placeholder])
        #expect(!"\(stored)".contains(secretKey))
    }
}
