import QuorumCore

/// `n` answers drawn concurrently for best-of-n and self-consistency: one responder sampled
/// repeatedly, or several responders in turn.
struct SampleSet: Sendable {
    var responders: [Responder]
    var count: Int
    var temperature: Double?
    /// Sample `i` uses `seed + i`, so a seeded run draws the same samples again.
    var seed: Int?
    /// Whether sample 1 is the responder's own answer (its configured temperature, not `temperature`):
    /// self-consistency then votes the plain answer in with the hot samples.
    var anchored = false

    /// Draws the samples at `indices` (all by default); sample `i` is keyed `sample-i` whichever call
    /// draws it, so drawing the first alone and the rest later journals the same calls. `logprobs`
    /// asks for token logprobs (that many alternatives) on each.
    func draw(
        _ indices: Range<Int>? = nil, logprobs: Int? = nil, for question: Question, in context: RunContext
    ) async throws -> [Responder.Response] {
        try await Array(indices ?? 0..<count).concurrentMap { index in
            let responder = responders[index % responders.count]
            let parameters = GenerationParameters(
                temperature: anchored && index == 0 ? nil : temperature, seed: seed.map { $0 + index }, logprobs: logprobs)
            return try await responder.respond(
                to: question, messages: question.messages, key: "sample-\(index + 1)", in: context,
                parameters: parameters)
        }
    }
}
