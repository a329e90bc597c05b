/// One generated token with its log-probability and, when asked for, the likeliest alternatives at
/// its position (OpenAI's `logprobs.content[]`).
public struct TokenLogprob: Sendable, Hashable, Codable {
    /// A candidate token at one position.
    public struct Alternative: Sendable, Hashable, Codable {
        public var token: String
        /// Natural log of its probability (≤ 0).
        public var logprob: Double

        public init(token: String, logprob: Double) {
            self.token = token
            self.logprob = logprob
        }
    }

    public var token: String
    /// Natural log of the chosen token's probability (≤ 0).
    public var logprob: Double
    /// The likeliest tokens at this position, best first (empty unless `top_logprobs` was asked for).
    public var top: [Alternative]

    public init(token: String, logprob: Double, top: [Alternative] = []) {
        self.token = token
        self.logprob = logprob
        self.top = top
    }
}
