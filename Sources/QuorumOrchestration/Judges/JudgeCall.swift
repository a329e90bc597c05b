import QuorumCore

/// One judge model call whose reply must parse, with a single stricter retry when it does not.
///
/// The retry continues the conversation (the unreadable reply, then `retryPrompt`) so a
/// verbatim user prompt is never edited.
struct JudgeCall<Parsed: Sendable>: Sendable {
    var model: String
    var parameters: GenerationParameters
    var responseFormat: ResponseFormat
    var retryPrompt: String

    /// The parsed reply (or why none could be read) and every call made.
    func run(
        _ messages: [ChatMessage], key: String, in context: RunContext,
        parse: (String) throws -> Parsed
    ) async throws -> (parsed: Result<Parsed, QuorumError>, calls: [CallRecord]) {
        let request = ChatRequest(messages: messages, parameters: parameters, responseFormat: responseFormat)
        let first = try await context.call(model, request, key: key, role: .judge)
        do {
            return (.success(try parse(first.response)), [first])
        } catch {
            let retryMessages = messages + [.assistant(first.response), .user(retryPrompt)]
            let retryRequest = ChatRequest(
                messages: retryMessages, parameters: parameters, responseFormat: responseFormat)
            let second = try await context.call(model, retryRequest, key: key + ".retry", role: .judge)
            do {
                return (.success(try parse(second.response)), [first, second])
            } catch {
                let reason = (error as? QuorumError) ?? QuorumError(.judge, "\(error)")
                return (.failure(reason), [first, second])
            }
        }
    }
}

extension GenerationParameters {
    /// Judges default to greedy decoding so the same answer gets the same verdict.
    static func judgeDefaults(_ configured: GenerationParameters?) -> GenerationParameters {
        (configured ?? GenerationParameters()).merged(over: GenerationParameters(temperature: 0))
    }
}
