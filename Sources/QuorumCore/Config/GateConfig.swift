/// When a cascade accepts an answer instead of escalating.
///
/// Exactly one of `judge`, `verifier`, `agreement`, `all`, `any` is set.
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
    public var all: [GateConfig]?
    public var any: [GateConfig]?

    public init(judge: String? = nil, threshold: Double? = nil) {
        self.judge = judge
        self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case judge, threshold, verifier, pattern, schema, agreement, all, any
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
