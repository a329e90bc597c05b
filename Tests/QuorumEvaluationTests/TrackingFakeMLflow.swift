import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import QuorumCore
import Synchronization

@testable import QuorumEvaluation

/// An in-process stand-in for an MLflow tracking server: the REST endpoints Quorum uses, with
/// MLflow's limits and rules (immutable params, batch sizes), the artifact proxy and `/v1/traces`.
final class FakeMLflow: Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var authorization: String?
        var headers: [String: String]
        var body: Data
    }

    struct Run: Sendable {
        var id: String
        var experimentID: String
        var name: String
        var status = "RUNNING"
        var startTime: Int64
        var endTime: Int64?
        var params: [String: String] = [:]
        var tags: [String: String] = [:]
        var metrics: [String: [MLflowMetric]] = [:]
    }

    struct State: Sendable {
        var experiments: [String: String] = [:]  // name → id
        var runs: [String: Run] = [:]
        var runOrder: [String] = []
        var artifacts: [String: Data] = [:]  // proxy path → bytes
        var traces: [(runID: String?, experimentID: String, body: JSONValue)] = []
        var requests: [Request] = []
        /// Answer 503 to this many requests before serving again.
        var failuresLeft = 0
        var supportsTraces = true
    }

    let state = Mutex(State())

    /// Starts the fake on an ephemeral port, runs `body` with its base URL and an HTTP client, then stops it.
    static func with<T: Sendable>(
        configure: @Sendable (inout State) -> Void = { _ in }, _ body: @Sendable (FakeMLflow, String, HTTPClient) async throws -> T
    ) async throws -> T {
        let fake = FakeMLflow()
        fake.state.withLock { configure(&$0) }
        let responder = CallbackResponder<BasicRequestContext> { request, _ in try await fake.respond(request) }
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "fake-mlflow") { _ in SwiftLogNoOpLogHandler() })
        return try await app.test(.live) { client in
            let http = MLflowClient.makeHTTPClient()
            do {
                let result = try await body(fake, "http://127.0.0.1:\(client.port!)", http)
                try await http.shutdown()
                return result
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }

    var runs: [Run] { state.withLock { state in state.runOrder.compactMap { state.runs[$0] } } }
    var requests: [Request] { state.withLock(\.requests) }

    func run(named name: String) -> Run? { runs.first { $0.name == name } }

    func respond(_ request: Hummingbird.Request) async throws -> Response {
        let body = Data(try await request.body.collect(upTo: 64 << 20).readableBytesView)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = Request(
            method: request.method.rawValue, path: request.uri.path, authorization: request.headers[.authorization],
            headers: headers, body: body)
        let query = request.uri.queryParameters
        let (status, reply) = state.withLock { state -> (HTTPResponse.Status, String) in
            state.requests.append(recorded)
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                return (.serviceUnavailable, #"{"error_code":"TEMPORARILY_UNAVAILABLE","message":"try again"}"#)
            }
            return Self.handle(recorded, query: { query[Substring($0)].map(String.init) }, state: &state)
        }
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: reply)))
    }
}

/// The spans of an OTLP `ExportTraceServiceRequest`.
func otlpSpans(_ request: JSONValue) -> [JSONValue] {
    (request["resourceSpans"]?.arrayValue ?? []).flatMap { resource in
        (resource["scopeSpans"]?.arrayValue ?? []).flatMap { $0["spans"]?.arrayValue ?? [] }
    }
}
