import QuorumCore

extension RoutedModel {
    /// Streams from the first deployment that starts answering. A stream that fails before its
    /// first delta reached the consumer moves on like a failed call; once a delta went out, a
    /// failure is the consumer's (an answer never switches deployments midway).
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<CompletionDelta, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task(executorPreference: EventLoopAffinity.currentExecutor) {
                var walk = RouteWalk(self, request: request)
                while let (pool, index) = walk.next() {
                    pool.begin(index)
                    var handedOut = false
                    do {
                        for try await delta in pool.deployments[index].model.stream(request) {
                            var delta = delta
                            if let final = delta.completion {
                                pool.succeeded(index, latency: final.latency)
                                delta.completion = walk.answered(final, by: pool, index)
                            }
                            guard handedOut || !delta.text.isEmpty || delta.completion != nil else { continue }
                            handedOut = true
                            continuation.yield(delta)
                            if delta.completion != nil {
                                continuation.finish()
                                return
                            }
                        }
                        // A stream that ends without its completion broke its contract: count it as cut.
                        throw QuorumError(.streamInterrupted, "the stream ended without an answer", context: ["model": pool.model])
                    } catch {
                        let failure = Self.failure(error)
                        // A call the caller gave up on says nothing about the deployment's health.
                        pool.failed(index, error: failure, counts: !Task.isCancelled && Self.counts(failure))
                        let movesOn = walk.failed(pool, index, failure)
                        if handedOut || Task.isCancelled || !movesOn {
                            continuation.finish(throwing: walk.annotated(failure))
                            return
                        }
                    }
                }
                continuation.finish(throwing: walk.exhausted(model: name))
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
