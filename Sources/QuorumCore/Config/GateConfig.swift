/// When a cascade accepts an answer instead of escalating.
///
/// Exactly one of `judge`, `verifier`, `agreement`, `confidence`, `all`, `any` is set.
public struct GateConfig: Sendable, Hashable, Codable {
    /// A score judge; passes when its score reaches `threshold` (or the judge's own).
    public var judge: String?
    public var threshold: Double?
    /// A programmatic check: `json-schema`, `code`, `regex`, `numeric`, …
    public var verifier: String?
    public var pattern: String?
    public var schema: JSONValue?
    /// Self-consistency: accept the majority answer when at least `min` of `samples` agree.
    public var agreement: AgreementGate?
    /// The answer's own token logprobs, asked for on the answering call: no extra call.
    public var confidence: ConfidenceGateConfig?
    public var all: [GateConfig]?
    public var any: [GateConfig]?

    public init(judge: String? = nil, threshold: Double? = nil) {
        self.judge = judge
        self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case judge, threshold, verifier, pattern, schema, agreement, confidence, all, any
    }

    /// Whether this gate, or one inside it, reads token logprobs.
    public var usesConfidence: Bool {
        confidence != nil || (all ?? []).contains(where: \.usesConfidence) || (any ?? []).contains(where: \.usesConfidence)
    }
}

/// `agreement: {samples: 5, min: 3}`.
public struct AgreementGate: Sendable, Hashable, Codable {
    public var samples: Int
    public var min: Int

    public init(samples: Int, min: Int) {
        self.samples = samples
        self.min = min
    }
}

/// `confidence: {signal: mean, threshold: -0.4}` or `{signal: quantile, q: 0.1, threshold: -1.2}`.
public struct ConfidenceGateConfig: Sendable, Hashable, Codable {
    /// `mean`, `min`, `quantile` or `total` (sum) of the tokens' logprobs; `margin`: the mean gap
    /// between each token's logprob and its runner-up's; `entropy`: minus the summed entropy of each
    /// token's top alternatives.
    public var signal: String
    /// For `quantile`: which one (0.1 is the 10th percentile, from the least confident end).
    public var q: Double?
    /// The answer passes when the signal is at least this (margins are ≥ 0, every other signal ≤ 0).
    public var threshold: Double

    public init(signal: String, q: Double? = nil, threshold: Double) {
        self.signal = signal
        self.q = q
        self.threshold = threshold
    }

    /// The signals a confidence gate knows.
    public static let signals = ["mean", "min", "quantile", "total", "margin", "entropy"]
}
