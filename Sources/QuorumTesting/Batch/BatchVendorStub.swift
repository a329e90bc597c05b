import Foundation
import NIOHTTP1
import QuorumCore

/// The batch endpoints of OpenAI, Azure OpenAI and Anthropic as one stateful stub, with live
/// `POST /v1/chat/completions` beside them, for `StubServer.run(responder:)`.
///
/// Batches move one status a poll (OpenAI: validating → in_progress → finalizing → completed;
/// Anthropic: in_progress → ended) unless `hold()` keeps them in progress. Faults: 429s on
/// create, a line answered with an HTTP error, expired lines or a whole expired batch. Every
/// `custom_id` submitted is counted, so a test can check none was submitted twice.
public actor BatchVendorStub {
    /// What happens to one line.
    public enum LineFault: Sendable, Hashable {
        /// The line's response is this HTTP status with an error body.
        case httpError(Int, String)
        /// The line expires unprocessed.
        case expired
    }

    /// Reply text for a prompt (the last message's content).
    let reply: @Sendable (String) -> String
    /// The fault of a line by its prompt, or `nil` for a good answer.
    let fault: @Sendable (String) -> LineFault?
    /// Creates answered 429 before one succeeds.
    var rateLimitedCreates: Int
    /// Every batch ends `expired`: lines not otherwise answered expire.
    let expireBatches: Bool
    let usage = (prompt: 10, completion: 5)

    private(set) var files: [String: String] = [:]
    var batches: [String: StubBatch] = [:]
    private var counter = 0
    private var holding = false
    /// Times each `custom_id` was submitted in a created batch.
    public private(set) var submissions: [String: Int] = [:]
    /// Batches created, and live chat completions answered.
    public private(set) var createdBatches = 0
    public private(set) var liveCalls = 0
    /// Status polls answered.
    public private(set) var polls = 0

    public init(
        rateLimitedCreates: Int = 0, expireBatches: Bool = false, fault: @escaping @Sendable (String) -> LineFault? = { _ in nil },
        reply: @escaping @Sendable (String) -> String
    ) {
        self.rateLimitedCreates = rateLimitedCreates
        self.expireBatches = expireBatches
        self.fault = fault
        self.reply = reply
    }

    /// Keeps every batch in progress until `release()`.
    public func hold() { holding = true }
    public func release() { holding = false }

    /// Answers one request of the `StubServer`.
    public func respond(_ request: StubRequest) -> StubResponse {
        let path = String(request.uri.prefix { $0 != "?" })
        if path.hasPrefix("/openai/") {
            guard request.header("api-key") != nil else { return Self.error(401, "missing api-key header") }
            guard request.uri.contains("api-version=") else { return Self.error(400, "missing api-version") }
            return openAI(request, path: String(path.dropFirst("/openai".count)), vendor: .azure)
        }
        if path.hasPrefix("/v1/messages/batches") {
            guard request.header("x-api-key") != nil, request.header("anthropic-version") != nil else {
                return Self.error(401, "missing x-api-key or anthropic-version")
            }
            return anthropic(request, path: path)
        }
        guard request.header("authorization")?.hasPrefix("Bearer ") == true else {
            return Self.error(401, "missing bearer token")
        }
        if path == "/v1/chat/completions" { return live(request) }
        if path.hasPrefix("/v1/") { return openAI(request, path: String(path.dropFirst("/v1".count)), vendor: .openAI) }
        return Self.error(404, "no route \(request.method) \(path)")
    }

    /// Creates a batch of `lines` and counts them; its id, or the 429 refusal while those last.
    func create(_ vendor: StubBatch.Vendor, lines: [StubBatch.Line]) -> Result<String, StubRefusal> {
        if rateLimitedCreates > 0 {
            rateLimitedCreates -= 1
            return .failure(StubRefusal(response: StubResponse.json(
                #"{"error":{"message":"Rate limit reached for batch requests","type":"rate_limit_error"}}"#, status: .tooManyRequests,
                headers: [("retry-after", "0")])))
        }
        counter += 1
        let id = (vendor == .anthropic ? "msgbatch_" : "batch_") + "\(counter)"
        batches[id] = StubBatch(id: id, vendor: vendor, lines: lines)
        for line in lines { submissions[line.customID, default: 0] += 1 }
        createdBatches += 1
        return .success(id)
    }

    /// Moves batch `id` one status on (unless held) and returns it.
    func advance(_ id: String) -> StubBatch? {
        guard var batch = batches[id] else { return nil }
        polls += 1
        batch.step = min(batch.step + 1, holding ? batch.finalStep - 1 : batch.finalStep)
        batches[id] = batch
        return batch
    }

    func storeFile(_ content: String) -> String {
        counter += 1
        let id = "file-\(counter)"
        files[id] = content
        return id
    }

    func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    func countLiveCall() { liveCalls += 1 }

    static func error(_ status: Int, _ message: String) -> StubResponse {
        StubResponse.json(
            "{\"error\":{\"message\":\(jsonText(.string(message))),\"type\":\"invalid_request_error\"}}",
            status: HTTPResponseStatus(statusCode: status))
    }
}

/// A create the stub refused, with its answer.
struct StubRefusal: Error {
    var response: StubResponse
}

/// One batch as the stub keeps it.
struct StubBatch: Sendable {
    enum Vendor: Sendable { case openAI, azure, anthropic }
    struct Line: Sendable {
        var customID: String
        var body: JSONValue
        var prompt: String
    }

    var id: String
    var vendor: Vendor
    var lines: [Line]
    /// Polls so far: OpenAI moves through 3 statuses to its end, Anthropic through 1.
    var step = 0
    var outputFileID: String?
    var errorFileID: String?

    var finalStep: Int { vendor == .anthropic ? 2 : 4 }
    var isEnded: Bool { step >= finalStep }
}

/// Compact JSON text of `value`.
func jsonText(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
}

func parseJSON(_ text: Substring) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

/// The last message's content of a chat body (OpenAI `messages`, Anthropic `params.messages`).
func lastPrompt(_ body: JSONValue) -> String {
    guard case .array(let messages)? = body["messages"], let last = messages.last else { return "" }
    return last["content"]?.stringValue ?? ""
}
