import AsyncHTTPClient
import NIOCore
import QuorumCore

extension HTTPChatModel {
    /// Streams the answer as server-sent events; the last delta carries the whole `Completion`.
    /// A delta holds the text of every event that arrived in one read from the network; the text
    /// of the read that ended the stream comes with the `Completion`, so a consumer can send the
    /// end of an answer in one piece.
    ///
    /// A body that ends before the vendor's end marker fails with `.streamInterrupted`. A failed
    /// attempt is retried only while no text has reached the consumer: after that, a retry would
    /// hand out the same words twice.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<CompletionDelta, any Error> {
        AsyncThrowingStream { continuation in
            // The producer runs on the consumer's event loop, if it is on one (see `currentExecutor`).
            let task = Task(executorPreference: EventLoopAffinity.currentExecutor) {
                do {
                    let (completion, last) = try await streamCompletion(request, continuation: continuation)
                    continuation.yield(CompletionDelta(text: last, completion: completion))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func streamCompletion(
        _ request: ChatRequest, continuation: AsyncThrowingStream<CompletionDelta, any Error>.Continuation
    ) async throws -> (completion: Completion, last: String) {
        let prepared = prepare(request)
        let wireRequest = try wire.makeRequest(prepared, stream: true)
        let watch = CallWatch()
        var lastOfStream = ""
        let completion = try await withLimits(prepared) {
            try await retrying(canRetry: { !watch.hasHandedOut }) { attempt, start in
                watch.touch()
                let timeouts = CallTimeouts(
                    deadline: .now + .seconds(settings.timeout), idle: .seconds(settings.streamIdleTimeout))
                let (result, headers, last) = try await transport.attempt(wireRequest, timeouts: timeouts, watch: watch) {
                    [transport, wire, name] response in
                    var decoder = wire.makeStreamDecoder()
                    var parser = SSEParser()
                    var last = ""  // text of the read that held the end marker: it goes with the completion
                    do {
                        for try await chunk in response.body {
                            watch.touch()
                            // Pieces that arrived together go out as one delta: the consumer sees
                            // the same text as early, for one hand-off instead of one per event.
                            var text = ""
                            for event in parser.feed(chunk) {
                                if let piece = try decoder.consume(event) { text += piece }
                            }
                            if decoder.isComplete {
                                last += text
                                if !text.isEmpty { watch.handedOutText() }
                            } else {
                                try handOut(text, watch: watch, to: continuation)
                            }
                        }
                        if let event = parser.finish(), let piece = try decoder.consume(event) {
                            last += piece
                            if !piece.isEmpty { watch.handedOutText() }
                        }
                    } catch let error as QuorumError {
                        throw error
                    } catch {
                        throw QuorumError(
                            .streamInterrupted, "the stream broke off: \(transport.failure(error).message)",
                            context: ["model": name])
                    }
                    guard decoder.isComplete else {
                        throw QuorumError(
                            .streamInterrupted, "the stream ended before the vendor's end marker", context: ["model": name])
                    }
                    return (decoder.result, response.headers, last)
                }
                let usage = await usage(of: result, request: prepared)
                lastOfStream = last
                return makeCompletion(
                    result, usage: usage, requestID: requestID(in: headers), attempts: attempt, start: start,
                    firstToken: watch.firstToken)
            }
        }
        return (completion, lastOfStream)
    }
}

private func handOut(
    _ text: String?, watch: CallWatch, to continuation: AsyncThrowingStream<CompletionDelta, any Error>.Continuation
) throws {
    guard let text, !text.isEmpty else { return }
    watch.handedOutText()
    continuation.yield(CompletionDelta(text: text))
}
