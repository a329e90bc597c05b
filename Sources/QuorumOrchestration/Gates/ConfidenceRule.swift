import Foundation
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
        /// The sum of the logprobs: the answer's own log-likelihood. Unlike the mean it falls with
        /// every uncertain token, so a long shaky answer scores below a short sure one.
        case total
        /// Minus the answer's total predictive entropy: at each token, the entropy of the top
        /// `alternatives` the model weighed, summed (Malinin & Gales 2021). It reads how torn the model
        /// was, not only whether it picked a likely token; measured best of these on verifiable-qa.
        case entropy

        /// Runners-up each token needs (`top_logprobs`), `0` for the signals that read only the pick.
        public var alternativesWanted: Int {
            switch self {
            case .margin: 2
            case .entropy: ConfidenceRule.alternatives
            case .mean, .min, .quantile, .total: 0
            }
        }
    }

    /// How many of each token's top alternatives the entropy signal reads: a fixed number, so the
    /// signal means the same whatever a provider returns beyond it.
    public static let alternatives = 5

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
        case .total:
            return logprobs.reduce(0, +)
        case .entropy:
            let entropies = read.compactMap { token -> Double? in
                guard !token.top.isEmpty else { return nil }
                return token.top.sorted { $0.logprob > $1.logprob }.prefix(Self.alternatives)
                    .reduce(0) { sum, alternative in sum - exp(alternative.logprob) * alternative.logprob }
            }
            return entropies.isEmpty ? nil : -entropies.reduce(0, +)
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
