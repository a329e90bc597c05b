import HTTPTypes
import Hummingbird
import QuorumCore
import QuorumOrchestration

/// Writes OpenAI-format SSE streams: a model's tokens straight through, or a system's answer
/// once its gate has decided (keep-alive comments while it works).
struct Streamer: Sendable {
    let exchange: Exchange
    let metrics: GatewayMetrics
    let traces: TraceCache
    let keepAlive: Duration
    /// The request's hold on its virtual key's budget, if it has one: every stream ends it.
    let charge: KeyCharge?

    /// Streams `model`'s tokens as they arrive. The first delta is awaited before answering, so an
    /// upstream that fails at once (429, 401, timeout) gets a proper HTTP status, not a 200 stream.
    /// `onAnswer` gets the whole answer once it has been sent (for the response cache); never a failed one.
    func passthrough(
        _ model: any ChatModel, onAnswer: @escaping @Sendable (CachedResponse) async -> Void = { _ in }
    ) async throws -> Response {
        let upstream = DeltaIterator(model.stream(exchange.request))
        let first = try await upstream.next()
        var headers = JSONResponses.sseHeaders
        headers[.quorumTraceID] = exchange.id
        if let first, let final = first.completion {
            // The whole answer arrived before the first byte went out (a short answer, one read):
            // the same events, sent as one body in one write instead of a chunked stream.
            var body = roleEvent
            appendContent(first.text, to: &body)
            appendEnd(finish: final.finishReason, usage: final.usage, cost: final.cost, to: &body)
            record(final, of: model)
            await charge?.settle(cost: final.cost, tokens: final.usage.totalTokens)
            await onAnswer(CachedResponse(final))
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
        }
        return Response(status: .ok, headers: headers, body: .onEventLoop { writer in
            // A client that leaves mid-stream ends here with the upstream's answer unknown: the
            // estimate is charged, so a stream never escapes its key's accounting.
            do {
                try await streamRest(of: model, after: first, from: upstream, to: &writer, onAnswer: onAnswer)
            } catch {
                await charge?.chargeEstimate()
                throw error
            }
        })
    }

    /// Writes the deltas after `first` as they arrive, then the end, and settles the key's charge.
    private func streamRest(
        of model: any ChatModel, after first: CompletionDelta?, from upstream: DeltaIterator, to writer: inout any ResponseBodyWriter,
        onAnswer: @Sendable (CachedResponse) async -> Void
    ) async throws {
        // Events are written when the next delta must be waited for: the role chunk goes out
        // with the first text, the last text with the end, each group in one socket write.
        var pending = roleEvent
        var delta = first
        var completion: Completion?
        do {
            while let current = delta {
                if let final = current.completion { completion = final }
                if !current.text.isEmpty {
                    appendContent(current.text, to: &pending)
                    if current.completion == nil {
                        try await writer.write(pending)
                        pending.clear()
                    }
                }
                delta = try await upstream.next()
            }
        } catch {
            // The upstream broke mid-answer: part of it may be billed, how much is unknown.
            await charge?.chargeEstimate()
            if pending.readableBytes > 0 { try await writer.write(pending) }
            try await writeError(error, to: &writer)
            return
        }
        let final = completion ?? Completion(text: "", model: model.name)
        await charge?.settle(cost: final.cost, tokens: final.usage.totalTokens)
        try await writeEnd(
            finish: final.finishReason, usage: final.usage, cost: final.cost, after: pending, to: &writer)
        record(final, of: model)
        if let completion { await onAnswer(CachedResponse(completion)) }
    }

    /// Keeps the trace of a streamed model answer and counts it.
    private func record(_ final: Completion, of model: any ChatModel) {
        let trace = TraceNode(kind: .call, label: model.name, call: exchange.record(final, model: model.name))
        exchange.store(trace, in: traces)
        metrics.recordCalls([(model.name, final.usage, final.cost)], served: exchange.served)
        metrics.recordRequest(model: exchange.served, stream: true, status: 200, duration: .now - exchange.start)
    }

    /// Streams `system`'s accepted answer: nothing of a rejected level ever reaches the client.
    /// `onAnswer` gets the accepted answer once it has been sent (for the response cache).
    func afterGate(
        _ system: any AnswerSystem, context: RunContext,
        onAnswer: @escaping @Sendable (CachedResponse) async -> Void = { _ in }
    ) -> Response {
        var headers = JSONResponses.sseHeaders
        headers[.quorumTraceID] = exchange.id
        let (events, continuation) = AsyncThrowingStream.makeStream(of: Answer?.self)
        return Response(status: .ok, headers: headers, body: .onEventLoop { writer in
            do {
                try await streamAnswer(
                    of: system, context: context, events: events, continuation: continuation, to: &writer, onAnswer: onAnswer)
            } catch {
                // The client left: the system was stopped part-way, its spend unknown.
                await charge?.chargeEstimate()
                throw error
            }
        })
    }

    private func streamAnswer(
        of system: any AnswerSystem, context: RunContext, events: AsyncThrowingStream<Answer?, any Error>,
        continuation: AsyncThrowingStream<Answer?, any Error>.Continuation, to writer: inout any ResponseBodyWriter,
        onAnswer: @Sendable (CachedResponse) async -> Void
    ) async throws {
        do {
            try await writer.write(roleEvent)
        } catch {
            await charge?.release()  // gone before the system started: nothing was paid for
            throw error
        }
        let result: Result<Answer, any Error> = await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    continuation.yield(try await system.answer(exchange.question, in: context))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            group.addTask {
                // A `nil` event asks the writer for a keep-alive comment.
                while (try? await Task.sleep(for: keepAlive)) != nil { continuation.yield(nil) }
            }
            defer { group.cancelAll() }
            do {
                for try await event in events {
                    guard let answer = event else {
                        do {
                            try await writer.write(JSONResponses.keepAlive)
                        } catch {
                            throw ClientGone(error: error)
                        }
                        continue
                    }
                    return .success(answer)
                }
                return .failure(QuorumError(.internal, "the system ended without an answer"))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .failure(let gone as ClientGone):
            throw gone.error
        case .failure(let error):
            await charge?.release()
            try await writeError(error, to: &writer)
        case .success(let answer):
            await charge?.settle(cost: answer.totalCost, tokens: answer.trace.usage.totalTokens)
            for piece in Self.pieces(of: answer.text) {
                try await writer.write(JSONResponses.event(chunk(.init(content: piece))))
            }
            try await writeEnd(finish: .stop, usage: answer.trace.usage, cost: answer.totalCost, to: &writer)
            exchange.store(answer.trace, in: traces)
            metrics.recordLevel(answer.level, system: system.name)
            metrics.recordCalls(
                answer.trace.calls.filter { !$0.isCached }.map { ($0.model, $0.usage, $0.cost) }, served: exchange.served)
            metrics.recordRequest(model: exchange.served, stream: true, status: 200, duration: .now - exchange.start)
            await onAnswer(CachedResponse(answer))
        }
    }

    /// A keep-alive could not be written: the client is gone, unlike a failure of the system.
    private struct ClientGone: Error {
        var error: any Error
    }

    func chunk(_ delta: ChatCompletionChunk.Delta, finish: String? = nil) -> ChatCompletionChunk {
        ChatCompletionChunk(
            id: exchange.id, created: exchange.created, model: exchange.served,
            choices: [.init(delta: delta, finishReason: finish)])
    }

    /// The first chunk of every stream: the assistant's role, no text yet.
    var roleEvent: ByteBuffer { JSONResponses.event(chunk(.init(role: "assistant", content: ""))) }

    /// A content chunk for `text`, if there is any.
    func appendContent(_ text: String, to buffer: inout ByteBuffer) {
        guard !text.isEmpty else { return }
        var event = JSONResponses.event(chunk(.init(content: text)))
        buffer.writeBuffer(&event)
    }

    /// Writes `pending`, the finish chunk, the usage chunk if asked for and `[DONE]` in one write.
    private func writeEnd(
        finish: FinishReason, usage: Usage, cost: USD, after pending: ByteBuffer = ByteBuffer(),
        to writer: inout any ResponseBodyWriter
    ) async throws {
        var end = pending
        appendEnd(finish: finish, usage: usage, cost: cost, to: &end)
        try await writer.write(end)
        try await writer.finish(nil)
    }

    /// The finish chunk, the usage chunk if asked for, and `[DONE]`.
    func appendEnd(finish: FinishReason, usage: Usage, cost: USD, to buffer: inout ByteBuffer) {
        var finishEvent = JSONResponses.event(chunk(.init(), finish: finish.openAIName))
        buffer.writeBuffer(&finishEvent)
        if exchange.includeUsage {
            let last = ChatCompletionChunk(
                id: exchange.id, created: exchange.created, model: exchange.served, choices: [],
                usage: UsageBody(usage, cost: cost))
            var usageEvent = JSONResponses.event(last)
            buffer.writeBuffer(&usageEvent)
        }
        buffer.writeImmutableBuffer(JSONResponses.done)
    }

    /// A failure after the stream began: OpenAI's clients read an `error` event and raise it.
    private func writeError(_ error: any Error, to writer: inout any ResponseBodyWriter) async throws {
        let mapped = (error as? QuorumError).map(GatewayError.init)
            ?? GatewayError(status: .internalServerError, message: "\(error)", type: "server_error", param: nil, code: nil)
        metrics.recordError(model: exchange.served, type: mapped.type)
        metrics.recordRequest(model: exchange.served, stream: true, status: Int(mapped.status.code), duration: .now - exchange.start)
        try await writer.write(JSONResponses.event(mapped.body))
        try await writer.finish(nil)
    }

    /// Splits an answer into word-sized pieces so clients render it progressively.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " || character == "\n", current.count >= 16 {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}

/// Hands an upstream stream's iterator from the request handler to the response writer.
///
/// `@unchecked Sendable` is sound here: the handler calls `next()` once and returns, and only then
/// does the body writer (one task) call `next()` again; the two never overlap.
final class DeltaIterator: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<CompletionDelta, any Error>.AsyncIterator

    init(_ stream: AsyncThrowingStream<CompletionDelta, any Error>) {
        iterator = stream.makeAsyncIterator()
    }

    func next() async throws -> CompletionDelta? {
        try await iterator.next()
    }
}
