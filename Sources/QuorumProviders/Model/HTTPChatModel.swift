import AsyncHTTPClient
import Logging
import NIOCore
import QuorumCore

/// A `ChatModel` that talks to a vendor over HTTP in that vendor's `Wire` format.
///
/// Everything that is the same for every vendor lives here, once: parameter defaults, the
/// process-wide limiter, retries with backoff, deadlines, timings, usage fallback and cost.
struct HTTPChatModel<Wire: WireProtocol>: ChatModel {
    let name: String
    let wire: Wire
    let transport: HTTPTransport
    let settings: CallSettings
    /// The price per 1M tokens; `nil` when neither the config nor the price table knows one (cost 0).
    let price: Price?
    let limiter: ModelLimiter?
    /// Counts tokens when the vendor reports no usage (llama.cpp streams).
    let tokenCounter: TokenCounter?
    let logger: Logger

    func complete(_ request: ChatRequest) async throws -> Completion {
        let prepared = prepare(request)
        let wireRequest = try wire.makeRequest(prepared, stream: false)
        return try await withLimits(prepared) {
            try await retrying { attempt, start in
                let timeouts = CallTimeouts(deadline: .now + .seconds(settings.timeout), idle: nil)
                let (result, headers) = try await transport.attempt(wireRequest, timeouts: timeouts, watch: CallWatch()) {
                    [transport, wire] response in
                    let body = try await transport.collect(response)
                    return (try wire.decodeCompletion(body), response.headers)
                }
                let usage = await usage(of: result, request: prepared)
                return makeCompletion(result, usage: usage, requestID: requestID(in: headers), attempts: attempt, start: start, firstToken: nil)
            }
        }
    }

    /// The request with the config's parameters filled in where the request left them `nil`.
    func prepare(_ request: ChatRequest) -> ChatRequest {
        var prepared = request
        prepared.parameters = request.parameters.merged(over: settings.defaults)
        return prepared
    }

    /// Runs `body` inside a limiter permit, settling the token bucket with the real usage.
    func withLimits(_ request: ChatRequest, _ body: () async throws -> Completion) async throws -> Completion {
        guard let limiter else { return try await body() }
        let permit = try await limiter.acquire(estimatedTokens: estimatedTokens(request))
        do {
            let completion = try await body()
            limiter.release(permit, actualTokens: completion.usage.totalTokens)
            return completion
        } catch {
            limiter.release(permit, actualTokens: nil)
            throw error
        }
    }

    /// Calls `attempt` until it succeeds, fails for good, or attempts run out; waits between tries.
    /// `attempt` gets the 1-based attempt number and the call's start time.
    func retrying<T>(
        canRetry: @Sendable () -> Bool = { true },
        _ attempt: (Int, ContinuousClock.Instant) async throws -> T
    ) async throws -> T {
        let start = ContinuousClock.now
        var number = 0
        while true {
            number += 1
            do {
                return try await attempt(number, start)
            } catch {
                var failure = transport.failure(error)
                failure.context["attempts"] = String(number)
                guard canRetry(), settings.retry.shouldRetry(after: number, error: failure) else { throw failure }
                let delay = settings.retry.delay(after: number, error: failure)
                logger.warning(
                    "retrying after a failed attempt",
                    metadata: [
                        "model": "\(name)", "attempt": "\(number)", "kind": "\(failure.kind.rawValue)",
                        "delay_s": "\(delay)", "error": "\(failure.description)",
                    ])
                try await Task.sleep(for: .seconds(delay))
            }
        }
    }

    /// The vendor's usage, else counted with the server's tokenizer, else estimated (4 characters a token).
    func usage(of result: WireResult, request: ChatRequest) async -> Usage {
        if let usage = result.usage { return usage }
        if let tokenCounter, let counted = try? await tokenCounter.usage(prompt: request.messages, answer: result.text) {
            return counted
        }
        return Usage(
            promptTokens: request.messages.reduce(0) { $0 + $1.content.count } / 4 + 1,
            completionTokens: (result.text.count + 3) / 4)
    }

    func makeCompletion(
        _ result: WireResult, usage: Usage, requestID: String?, attempts: Int, start: ContinuousClock.Instant,
        firstToken: ContinuousClock.Instant?
    ) -> Completion {
        Completion(
            text: result.text, usage: usage, cost: result.vendorCost ?? price?.cost(of: usage) ?? .zero,
            finishReason: result.finishReason, model: result.model ?? name,
            requestID: requestID ?? result.responseID, latency: (ContinuousClock.now - start).seconds,
            timeToFirstToken: firstToken.map { ($0 - start).seconds }, attempts: attempts, logprobs: result.logprobs)
    }

    /// A rough size of the request for the tokens-per-minute bucket: prompt characters / 4 plus the answer budget.
    private func estimatedTokens(_ request: ChatRequest) -> Int {
        request.messages.reduce(0) { $0 + $1.content.utf8.count } / 4 + (request.parameters.maxTokens ?? 256)
    }
}
