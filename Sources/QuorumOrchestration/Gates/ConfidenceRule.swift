import QuorumCore

/// A confidence gate's rule: a signal computed from the answer's token logprobs, and the threshold
/// it must reach. Costs nothing: the logprobs come with the answer itself.
public struct ConfidenceRule: Sendable, Hashable {
    /// What is read from the tokens.
    public enum Signal: String, Sendable, Hashable, CaseIterable {
        /// The mean logprob: the answer's average certainty.
        case mean
        /// The least certain token.
        case min
        /// The `q`-quantile of the logprobs from the least certain end (0.1: the 10th percentile);
        /// robust to one odd token, sensitive to a few (Gupta et al. 2024).
        case quantile
        /// The mean gap between each token's logprob and its runner-up's.
        case margin
    }

    public var signal: Signal
    public var q: Double
    public var threshold: Double

    public init(signal: Signal, q: Double = 0.1, threshold: Double) {
        self.signal = signal
        self.q = q
        self.threshold = threshold
    }

    /// `mean`, `min`, `q0.1`, `margin`: for the gate's name in traces.
    public var name: String { signal == .quantile ? "q\(q)" : signal.rawValue }

    /// The signal over `tokens`, or `nil` when there is nothing to read (no tokens, or a margin
    /// without runners-up). Tokens with empty text (the end-of-turn marker) are left out.
    public func value(of tokens: [TokenLogprob]) -> Double? {
        let read = tokens.filter { !$0.token.isEmpty && $0.logprob.isFinite }
        guard !read.isEmpty else { return nil }
        let logprobs = read.map(\.logprob)
        switch signal {
        case .mean:
            return logprobs.reduce(0, +) / Double(logprobs.count)
        case .min:
            return logprobs.min()
        case .quantile:
            let sorted = logprobs.sorted()
            let position = Swift.min(Swift.max(q, 0), 1) * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = Swift.min(lower + 1, sorted.count - 1)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        case .margin:
            let gaps = read.compactMap { token -> Double? in
                let others = token.top.filter { $0.token != token.token }.map(\.logprob)
                guard let runnerUp = others.max() else { return nil }
                return token.logprob - runnerUp
            }
            return gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count)
        }
    }
}
