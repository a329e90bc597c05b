import Foundation
import QuorumCore

/// What `quorum ask` reports: the answer with its tokens, cost and timings. `--json` prints this value;
/// the text output is printed from it too.
struct AskResult: Codable {
    /// The configured name (`small`) or local catalog name.
    var model: String
    var provider: String
    /// The model id sent to the server.
    var modelID: String
    var answer: String
    var promptTokens: Int
    var completionTokens: Int
    /// At the model's price (configured, else the local model's notional one); exact decimal.
    var costUSD: USD
    /// Seconds from sending the request to the last byte.
    var latencySeconds: Double
    /// Seconds until the first token reached us; for a non-streamed answer, when the whole answer did.
    var timeToFirstTokenSeconds: Double
    var finishReason: FinishReason
    var streamed: Bool
    /// Each answer token with its log-probability, when `--logprobs` asked and the server gave them.
    var logprobs: [TokenLogprob]?

    enum CodingKeys: String, CodingKey {
        case model, provider, modelID = "model_id", answer, promptTokens = "prompt_tokens",
            completionTokens = "completion_tokens", costUSD = "cost_usd",
            latencySeconds = "latency_seconds", timeToFirstTokenSeconds = "time_to_first_token_seconds",
            finishReason = "finish_reason", streamed, logprobs
    }

    init(config: ModelConfig, completion: Completion, streamed: Bool, measuredFirstToken: Double?) {
        model = config.name
        provider = config.provider
        modelID = config.model
        answer = completion.text
        promptTokens = completion.usage.promptTokens
        completionTokens = completion.usage.completionTokens
        costUSD = completion.cost
        latencySeconds = completion.latency
        timeToFirstTokenSeconds = completion.timeToFirstToken ?? measuredFirstToken ?? completion.latency
        finishReason = completion.finishReason
        self.streamed = streamed
        logprobs = completion.logprobs
    }

    /// The one dim line under the answer.
    var summary: String {
        let seconds = { (value: Double) in String(format: "%.2fs", value) }
        return "\(model) · tokens \(promptTokens) in / \(completionTokens) out · \(costUSD.formatted)"
            + " · latency \(seconds(latencySeconds)) · TTFT \(seconds(timeToFirstTokenSeconds))"
            + (logprobs.map { tokens in
                let mean = tokens.isEmpty ? 0 : tokens.map(\.logprob).reduce(0, +) / Double(tokens.count)
                return String(format: " · logprob mean %.3f, min %.3f over %d tokens", mean,
                              tokens.map(\.logprob).min() ?? 0, tokens.count)
            } ?? "")
    }
}
