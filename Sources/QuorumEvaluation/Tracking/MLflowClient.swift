import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import QuorumCore

/// A client for an MLflow tracking server's REST API (`/api/2.0/mlflow/…`, the artifact proxy and
/// the OpenTelemetry trace endpoint), over the process's shared `HTTPClient`.
///
/// Every request is retried on connection failures, 429 and 5xx with exponential backoff
/// (`MLflowRetryPolicy`). Errors are `QuorumError`s with `service: mlflow` and the endpoint in
/// their context; credentials never appear in errors or logs.
public struct MLflowClient: Sendable {
    /// The server's base URL without a trailing slash, e.g. `http://127.0.0.1:5000`.
    public let trackingURI: String
    public var credentials: MLflowCredentials
    public var retry: MLflowRetryPolicy
    let httpClient: HTTPClient
    let logger: Logger

    /// Throws `QuorumError(.configuration)` unless `trackingURI` is an `http(s)://` URL.
    public init(
        trackingURI: String, credentials: MLflowCredentials = .none, httpClient: HTTPClient,
        retry: MLflowRetryPolicy = MLflowRetryPolicy(), logger: Logger
    ) throws {
        var base = trackingURI.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard base.hasPrefix("http://") || base.hasPrefix("https://"), URL(string: base)?.host != nil else {
            throw QuorumError(
                .configuration, "MLflow tracking URI '\(trackingURI)' is not an http(s):// server address",
                context: ["service": "mlflow"])
        }
        self.trackingURI = base
        self.credentials = credentials
        self.httpClient = httpClient
        self.retry = retry
        self.logger = logger
    }

    /// An HTTP client for MLflow that fails at once when the server is down: AsyncHTTPClient would
    /// otherwise keep retrying the connection until each request's deadline, and a run would wait
    /// minutes for a server that is not there. `MLflowRetryPolicy` does the retrying instead.
    public static func makeHTTPClient(connectTimeout: Double = 5) -> HTTPClient {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .milliseconds(Int64(connectTimeout * 1000))))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends one request, retrying what may succeed on a second try, and returns the response body.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Data? = nil,
        contentType: String = "application/json", headers extra: [(String, String)] = []
    ) async throws -> Data {
        var attempt = 1
        while true {
            do {
                return try await sendOnce(method, path, query: query, body: body, contentType: contentType, headers: extra)
            } catch let error as QuorumError where error.isRetryable && attempt < retry.attempts {
                let delay = retry.delay(afterAttempt: attempt, retryAfter: error.retryAfter)
                logger.debug(
                    "MLflow request failed, retrying",
                    metadata: ["endpoint": "\(path)", "attempt": "\(attempt)", "error": "\(error)"])
                try await Task.sleep(for: .seconds(delay))
                attempt += 1
            }
        }
    }

    private func sendOnce(
        _ method: HTTPMethod, _ path: String, query: [(String, String)], body: Data?, contentType: String,
        headers extra: [(String, String)]
    ) async throws -> Data {
        var request = HTTPClientRequest(url: url(path, query: query))
        request.method = method
        request.headers.add(name: "User-Agent", value: "quorum")
        if let authorization = credentials.authorizationHeader { request.headers.add(name: "Authorization", value: authorization) }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let context = ["service": "mlflow", "endpoint": path]
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .seconds(Int64(retry.requestTimeout)))
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw QuorumError(.timeout, "MLflow at \(trackingURI) did not answer in time", context: context)
        } catch {
            throw QuorumError(
                .upstreamUnavailable, "cannot reach MLflow at \(trackingURI): \(error)", context: context)
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            throw Self.error(status: Int(response.status.code), body: data, context: context, headers: response.headers)
        }
        return data
    }

    func url(_ path: String, query: [(String, String)] = []) -> String {
        guard !query.isEmpty else { return trackingURI + path }
        var components = URLComponents()
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return trackingURI + path + "?" + (components.percentEncodedQuery ?? "")
    }

    /// The `QuorumError` for a non-2xx answer, with MLflow's `error_code` and message when it sent them.
    static func error(status: Int, body: Data, context: [String: String], headers: HTTPHeaders) -> QuorumError {
        var context = context
        var message = "MLflow answered HTTP \(status)"
        if let reply = try? JSONDecoder().decode(MLflowErrorReply.self, from: body) {
            if let code = reply.errorCode { context["mlflow_error"] = code }
            if let text = reply.message { message = "MLflow: \(text)" }
        }
        let kind: QuorumError.Kind =
            switch status {
            case 401, 403: .authentication
            case 404: .notFound
            case 429: .rateLimited
            case 500...: .upstreamUnavailable
            default: .invalidRequest
            }
        let retryAfter = headers.first(name: "Retry-After").flatMap(Double.init)
        return QuorumError(kind, message, context: context, httpStatus: status, retryAfter: retryAfter)
    }
}

/// MLflow's error body: `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "…"}`.
struct MLflowErrorReply: Decodable {
    var errorCode: String?
    var message: String?

    enum CodingKeys: String, CodingKey { case errorCode = "error_code", message }
}

/// How hard the client tries before giving up on a request.
public struct MLflowRetryPolicy: Sendable, Hashable {
    /// Tries in all, the first included.
    public var attempts: Int
    /// Seconds before the second try; doubled for each later one, up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double
    /// Seconds one request may take, connecting included.
    public var requestTimeout: Double

    public init(attempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 8, requestTimeout: Double = 30) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.requestTimeout = requestTimeout
    }

    func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
        let backoff = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        return min(maxDelay, max(backoff, retryAfter ?? 0))
    }
}
