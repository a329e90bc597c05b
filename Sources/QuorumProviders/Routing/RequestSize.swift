import QuorumCore

/// A rough token count of a request, made before sending it, to pick a model whose context
/// window holds it.
///
/// Four bytes of UTF-8 a token (English text runs 4–5 characters a token, code and other
/// scripts fewer, so this errs towards "too long"), a few tokens per message for the template,
/// plus the answer's `max_tokens` when the request sets one (the window holds both).
enum RequestSize {
    static func estimatedTokens(_ request: ChatRequest) -> Int {
        let prompt = request.messages.reduce(0) { $0 + $1.content.utf8.count / 4 + 4 }
        return prompt + (request.parameters.maxTokens ?? 0)
    }
}
