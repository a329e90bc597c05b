import QuorumCore

/// Turns a batch line's answer into a `Completion` priced at the batch rate.
enum BatchPricing {
    static func completion(_ answer: WireResult, price: Price?, model: String) -> Completion {
        let usage = answer.usage ?? .zero
        return Completion(
            text: answer.text, usage: usage, cost: (price ?? .free).batch.cost(of: usage), finishReason: answer.finishReason,
            model: answer.model ?? model, requestID: answer.responseID, logprobs: answer.logprobs)
    }
}
