import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import QuorumCore

/// Sends one attempt of a request over the caller's `HTTPClient` (see `HTTPClients`) and turns
/// every failure into a typed, redacted `QuorumError`.
struct HTTPTransport: Sendable {
    let clients: HTTPClients
    let logger: Logger
    /// The configured model name, for errors.
    let model: String
    let redactor: Redactor

    /// One attempt: sends `request` and hands the 2xx response to `read`, all under `timeouts`.
    ///
    /// A plain-HTTP upstream, when there is a `LoopHTTPClient` (`quorum serve`), goes through it,
    /// and its exchange enforces the limits with one timer on the event loop. Any other runs
    /// under the `withTimeouts` watchdog: a task group whose second task only sleeps, which costs
    /// two task starts and their teardown on the critical path of every call.
    func attempt<T: Sendable>(
        _ request: WireRequest, timeouts: CallTimeouts, watch: CallWatch,
        _ read: @escaping @Sendable (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        if let plain = clients.plain, let target = PlainHTTPTarget(url: request.url) {
            let limits = LoopHTTPClient.Limits(
                deadline: NIODeadline.now() + TimeAmount(ContinuousClock.now.duration(to: timeouts.deadline)),
                idle: timeouts.idle.map(TimeAmount.init), deadlineError: timeouts.deadlineError(model: model),
                silenceError: timeouts.silenceError(model: model))
            let response = try await checked {
                try await plain.post(to: target, headers: request.headers, body: request.body, limits: limits)
            }
            return try await read(response)
        }
        return try await withTimeouts(timeouts, watch: watch, model: model, timers: clients.current.eventLoopGroup) {
            [clients, logger] in
            var http = HTTPClientRequest(url: request.url)
            http.method = .POST
            http.headers = request.headers
            http.body = .bytes(request.body)
            let deadline = NIODeadline.now() + TimeAmount(ContinuousClock.now.duration(to: timeouts.deadline))
            let response = try await checked { try await clients.current.execute(http, deadline: deadline, logger: logger) }
            return try await read(response)
        }
    }

    /// The response of `send` when its status is 2xx; any failure as a `QuorumError`.
    private func checked(_ send: () async throws -> HTTPClientResponse) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await send()
        } catch {
            throw failure(error)
        }
        guard (200..<300).contains(response.status.code) else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Array($0.readableBytesView) } ?? []
            throw UpstreamError.classify(
                status: Int(response.status.code), body: body, model: model,
                retryAfter: RetryAfter.seconds(in: response.headers), redactor: redactor)
        }
        return response
    }

    /// Reads a whole body (at most 64 MiB).
    func collect(_ response: HTTPClientResponse) async throws -> ByteBuffer {
        do {
            return try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw failure(error)
        }
    }

    /// Any error of a send or a body read, as a `QuorumError`.
    func failure(_ error: any Error) -> QuorumError {
        if let quorum = error as? QuorumError { return redactor.redact(quorum) }
        if error is CancellationError { return QuorumError(.cancelled, "the call was cancelled", context: ["model": model]) }
        let context = ["model": model]
        if let http = error as? HTTPClientError {
            switch http {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout:
                return QuorumError(.timeout, "the request timed out (\(http))", context: context)
            case .cancelled:
                return QuorumError(.cancelled, "the call was cancelled", context: context)
            case .remoteConnectionClosed:
                return QuorumError(.upstreamUnavailable, "the server closed the connection", context: context)
            default:
                break
            }
        }
        if let loop = error as? LoopHTTPError {
            return QuorumError(.upstreamUnavailable, loop.description, context: context)
        }
        if let connect = error as? NIOConnectionError {
            // `IOError`'s own description repeats itself ("connection reset (error set): …"); the
            // system's sentence for the errno is what a user needs ("Connection refused").
            let reasons = connect.connectionErrors.map { failure in
                (failure.error as? IOError).map { String(cString: strerror($0.errnoCode)) } ?? "\(failure.error)"
            } + [connect.dnsAError, connect.dnsAAAAError].compactMap { $0.map { "\($0)" } }
            return QuorumError(
                .upstreamUnavailable,
                "could not connect to \(connect.host):\(connect.port): \(reasons.first ?? "no address")", context: context)
        }
        if case ChannelError.connectTimeout(let limit) = error {
            return QuorumError(.timeout, "the connection was not established within \(limit)", context: context)
        }
        return redactor.redact(
            QuorumError(.upstreamUnavailable, "could not reach the server: \(String(describing: error))", context: context))
    }
}

/// The vendor's request id from the usual headers (OpenAI/Groq/… `x-request-id`, Anthropic
/// `request-id`, Azure `apim-request-id`, OpenRouter/Cloudflare `cf-ray` last).
func requestID(in headers: HTTPHeaders) -> String? {
    for name in ["x-request-id", "request-id", "apim-request-id", "x-goog-request-id", "cf-ray"] {
        if let value = headers.first(name: name) { return value }
    }
    return nil
}
