import QuorumCore

/// How to build a `RunComparison`: which baseline and judge, which reference price, which bootstrap.
public struct ComparisonOptions: Sendable {
    /// The baseline system; default: the run's baseline, else its first system.
    public var baseline: String?
    /// The pairwise judge whose verdicts to use; default: the judge with the most stored verdicts.
    public var judge: String?
    /// The judge's model, for the self-preference check and the report.
    public var judgeModel: String?
    /// Models each system calls (answering and judging), for the self-preference check.
    public var modelsBySystem: [String: [String]]
    /// Re-price every system's tokens at this model's list price.
    public var referencePrice: ReferencePrice?
    /// Fit style-controlled ratings too (length and markdown density as covariates).
    public var styleControl: Bool
    public var bootstrap: Bootstrap

    public init(
        baseline: String? = nil, judge: String? = nil, judgeModel: String? = nil, modelsBySystem: [String: [String]] = [:],
        referencePrice: ReferencePrice? = nil, styleControl: Bool = true, bootstrap: Bootstrap = Bootstrap()
    ) {
        self.baseline = baseline
        self.judge = judge
        self.judgeModel = judgeModel
        self.modelsBySystem = modelsBySystem
        self.referencePrice = referencePrice
        self.styleControl = styleControl
        self.bootstrap = bootstrap
    }
}

/// A reference model and its list price (`--reference-price gpt-4.1`).
public struct ReferencePrice: Sendable, Hashable {
    public var model: String
    public var price: Price

    public init(model: String, price: Price) {
        self.model = model
        self.price = price
    }
}
