import QuorumCore

/// `n` answers drawn concurrently for best-of-n and self-consistency: one responder sampled
/// repeatedly, or several responders in turn.
struct SampleSet: Sendable {
    var responders: [Responder]
    var count: Int
    var temperature: Double?
    /// Sample `i` uses `seed + i`, so a seeded run draws the same samples again.
    var seed: Int?

    func draw(for question: Question, in context: RunContext) async throws -> [Responder.Response] {
        try await (0..<count).concurrentMap { index in
            let responder = responders[index % responders.count]
            let parameters = GenerationParameters(temperature: temperature, seed: seed.map { $0 + index })
            return try await responder.respond(
                to: question, messages: question.messages, key: "sample-\(index + 1)", in: context,
                parameters: parameters)
        }
    }
}
