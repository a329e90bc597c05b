import Foundation
import HTTPTypes
import Hummingbird
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// `POST /v1/chat/completions`: decode, validate, route to a model or system, answer in OpenAI's format.
struct ChatCompletionsHandler: Sendable {
    let targets: [String: ServedTarget]
    let models: [String: any ChatModel]
    let settings: GatewaySettings
    let metrics: GatewayMetrics
    let traces: TraceCache
    let keys: KeyAccounting?
    /// Answers identical requests to models and systems with `cache:`; `nil` when none has one.
    let cache: ResponseCache?
    let logger: Logger

    func handle(_ request: Request, context: GatewayContext) async throws -> Response {
        let start = ContinuousClock.now
        let directive = CacheDirective(request.headers)
        var request = request
        var body: ChatCompletionRequest?
        let response: Response
        do {
            let parsed = try await decode(&request)
            body = parsed
            response = try await answer(parsed, key: context.virtualKey, directive: directive, start: start)
        } catch let error as GatewayError {
            metrics.recordError(model: body?.model ?? GatewayMetrics.noModel, type: error.type)
            response = JSONResponses.error(error)
        } catch let error as QuorumError {
            let mapped = GatewayError(error)
            metrics.recordError(model: body?.model ?? GatewayMetrics.noModel, type: mapped.type)
            response = JSONResponses.error(mapped)
        }
        if response.headers[.contentType] != "text/event-stream" {
            metrics.recordRequest(
                model: body?.model ?? GatewayMetrics.noModel, stream: false, status: response.status.code, duration: .now - start)
        }
        return response
    }

    private func decode(_ request: inout Request) async throws(GatewayError) -> ChatCompletionRequest {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: settings.maxBodyBytes)
        } catch {
            throw .bodyTooLarge(limit: settings.maxBodyBytes)
        }
        var parsed: ChatCompletionRequest
        if let read = ChatCompletionRequest.read(buffer) {
            parsed = read
        } else {
            do {
                parsed = try JSONDecoder().decode(ChatCompletionRequest.self, from: Data(buffer: buffer))
            } catch let error as DecodingError {
                throw Self.describe(error)
            } catch {
                throw .invalidRequest("the body is not valid JSON")
            }
        }
        try parsed.validate(maxMessages: settings.maxMessages)
        return parsed
    }

    private func answer(
        _ body: ChatCompletionRequest, key: VirtualKey?, directive: CacheDirective, start: ContinuousClock.Instant
    ) async throws -> Response {
        if let key, !key.allows(model: body.model) { throw GatewayError.modelNotAllowed(body.model, key: key) }
        guard let target = targets[body.model] else {
            throw GatewayError.unknownModel(body.model, available: Array(targets.keys))
        }
        let exchange = Exchange(
            id: CompletionID.make(),
            created: Int(Date().timeIntervalSince1970), served: body.model, request: body.chatRequest,
            includeUsage: body.streamOptions?.includeUsage ?? false, start: start)
        if settings.logBodies {
            // Opt-in only (--log-bodies): prompts are user data and never logged by default.
            logger.info("request body", metadata: [
                "trace": "\(exchange.id)", "model": "\(body.model)",
                "messages": "\(exchange.request.messages.map { "\($0.role.rawValue): \($0.content)" })",
            ])
        }
        // Reserved before anything is sent upstream (or read from the cache); every path below ends it.
        let charge = try await reserve(for: exchange, key: key)
        do {
            return try await respond(with: target, stream: body.stream ?? false, to: exchange, directive: directive, charge: charge)
        } catch {
            // A failure gives the estimate back (a streamed answer that began has settled already).
            // A cancelled one (the client left, the server stops) may have been paid for upstream
            // with its answer never delivered: it keeps the estimate, or leaving early would be free.
            if error is CancellationError || (error as? QuorumError)?.kind == .cancelled {
                await charge?.chargeEstimate()
            } else {
                await charge?.release()
            }
            throw error
        }
    }

    /// Answers from the cache when it holds this request, else asks `target`; settles `charge`
    /// once the cost is known (a hit costs nothing; a stream settles as it ends).
    private func respond(
        with target: ServedTarget, stream: Bool, to exchange: Exchange, directive: CacheDirective, charge: KeyCharge?
    ) async throws -> Response {
        let streamer = Streamer(
            exchange: exchange, metrics: metrics, traces: traces, keepAlive: settings.keepAliveInterval, charge: charge)
        let lookup = CacheLookup(cache: cache, directive: directive, request: exchange.request, served: exchange.served)
        let hit = await lookup.cached()
        var response: Response
        if let hit {
            await charge?.release()
            let trace = hit.replayedTrace(served: exchange.served, messages: exchange.request.messages)
            metrics.recordCacheHit(served: exchange.served, saved: trace.savedCost)
            response = stream
                ? streamer.replay(text: hit.text, finish: hit.finishReason, trace: trace)
                : finish(exchange, text: hit.text, finish: hit.finishReason, trace: trace)
        } else {
            response = try await fresh(target, stream: stream, exchange: exchange, streamer: streamer, lookup: lookup, charge: charge)
        }
        if let outcome = lookup.outcome(hit: hit != nil) { response.headers[.quorumCache] = outcome.rawValue }
        return response
    }

    /// Asks the model or system, keeping the answer in the cache when the lookup says so.
    private func fresh(
        _ target: ServedTarget, stream: Bool, exchange: Exchange, streamer: Streamer, lookup: CacheLookup, charge: KeyCharge?
    ) async throws -> Response {
        switch (target, stream) {
        case (.model(let model), false):
            let completion = try await model.complete(exchange.request)
            await charge?.settle(cost: completion.cost, tokens: completion.usage.totalTokens)
            await lookup.save(CachedResponse(completion))
            let trace = TraceNode(kind: .call, label: model.name, call: exchange.record(completion, model: model.name))
            return finish(exchange, text: completion.text, finish: completion.finishReason, trace: trace)
        case (.system(let system), false):
            let answer = try await system.answer(exchange.question, in: context(for: exchange, cache: lookup.forCalls))
            await charge?.settle(cost: answer.totalCost, tokens: answer.trace.usage.totalTokens)
            await lookup.save(CachedResponse(answer))
            metrics.recordLevel(answer.level, system: system.name)
            return finish(exchange, text: answer.text, finish: .stop, trace: answer.trace)
        case (.model(let model), true):
            return try await streamer.passthrough(model) { await lookup.save($0) }
        case (.system(let system), true):
            return streamer.afterGate(system, context: context(for: exchange, cache: lookup.forCalls)) { await lookup.save($0) }
        }
    }

    /// The hold on `key`'s budget for this request; `nil` without a virtual key.
    private func reserve(for exchange: Exchange, key: VirtualKey?) async throws(GatewayError) -> KeyCharge? {
        guard let key, let keys else { return nil }
        var logger = logger
        logger[metadataKey: "trace"] = "\(exchange.id)"
        return try await keys.admit(exchange.request, target: exchange.served, key: key, metrics: metrics, logger: logger)
    }

    private func context(for exchange: Exchange, cache: ResponseCache?) -> RunContext {
        var logger = logger
        logger[metadataKey: "trace"] = "\(exchange.id)"
        return RunContext(models: models, cache: cache, logger: logger)
    }

    private func finish(_ exchange: Exchange, text: String, finish: FinishReason, trace: TraceNode) -> Response {
        if settings.logBodies {
            logger.info("response body", metadata: ["trace": "\(exchange.id)", "text": "\(text)"])
        }
        exchange.store(trace, in: traces)
        metrics.recordCalls(trace.calls.filter { !$0.isCached }.map { ($0.model, $0.usage, $0.cost) }, served: exchange.served)
        let body = ChatCompletionResponse(
            id: exchange.id, created: exchange.created, model: exchange.served,
            choices: [.init(index: 0, message: .init(content: text), finishReason: finish.openAIName)],
            usage: UsageBody(trace.usage, cost: trace.answerCost + trace.judgeCost))
        return JSONResponses.response(body, headers: [.quorumTraceID: exchange.id])
    }

    /// Names the field that failed to decode, the way OpenAI's 400s do.
    static func describe(_ error: DecodingError) -> GatewayError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .invalidRequest("'\(field)' is a required property", param: field)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .invalidRequest("'\(field)' has the wrong type (expected \(type))", param: field)
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .invalidRequest("'\(field)' must not be null", param: field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return field.isEmpty ? .invalidRequest("the body is not valid JSON") : .invalidRequest("'\(field)' is invalid", param: field)
        @unknown default:
            return .invalidRequest("the body could not be read")
        }
    }
}

/// One request in flight: its id, timing and what it asked.
struct Exchange: Sendable {
    var id: String
    var created: Int
    var served: String
    var request: ChatRequest
    var includeUsage: Bool
    var start: ContinuousClock.Instant

    var question: Question { Question(id: id, messages: request.messages) }

    func record(_ completion: Completion, model: String) -> CallRecord {
        CallRecord(
            key: "call", model: model, role: .answer, messages: request.messages, response: completion.text,
            usage: completion.usage, cost: completion.cost, latency: completion.latency,
            timeToFirstToken: completion.timeToFirstToken, attempts: completion.attempts,
            finishReason: completion.finishReason, route: completion.route)
    }

    func store(_ trace: TraceNode, in cache: TraceCache) {
        cache.insert(.init(id: id, model: served, created: created, trace: trace))
    }
}
