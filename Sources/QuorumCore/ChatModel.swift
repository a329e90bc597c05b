/// One configured model: an endpoint, a model id, its parameters and its price.
///
/// Implementations live in `QuorumProviders` (one per wire protocol); tests use scripted ones.
/// Both methods are safe to call concurrently; limits (in-flight, rpm, tpm) are applied inside.
public protocol ChatModel: Sendable {
    /// The name the configuration gives this model (`small`, `gpt-4.1`).
    var name: String { get }

    /// Sends `request` and returns the whole answer. Throws `QuorumError`.
    func complete(_ request: ChatRequest) async throws -> Completion

    /// Streams the answer; the final delta carries the assembled `Completion`.
    /// A stream cut before the vendor's end marker finishes with a `QuorumError` of kind `.streamInterrupted`.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<CompletionDelta, any Error>
}

extension ChatModel {
    /// Default streaming for models that cannot stream: one delta with the whole answer.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<CompletionDelta, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let completion = try await complete(request)
                    continuation.yield(CompletionDelta(text: completion.text))
                    continuation.yield(CompletionDelta(text: "", completion: completion))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
