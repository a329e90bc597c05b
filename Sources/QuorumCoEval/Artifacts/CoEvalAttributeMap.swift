/// Phase 1's result for one task: the attributes items are sampled over.
///
/// `target` attributes stratify sampling (each item gets one value of each sampled attribute);
/// `nuanced` attributes add variety without stratifying. Keys keep the order they were written in.
public struct CoEvalAttributeMap: Sendable, Hashable, Codable {
    public var task: String
    /// The teacher that proposed it; `nil` when the attributes came from the YAML file or are the
    /// merge of every teacher's proposal.
    public var teacher: String?
    public var target: [CoEvalAttribute]
    public var nuanced: [CoEvalAttribute]

    public init(task: String, teacher: String? = nil, target: [CoEvalAttribute], nuanced: [CoEvalAttribute]) {
        self.task = task
        self.teacher = teacher
        self.target = target
        self.nuanced = nuanced
    }
}

/// One attribute and the values it can take, e.g. `complexity: [simple, moderate, complex]`.
public struct CoEvalAttribute: Sendable, Hashable, Codable {
    public var name: String
    public var values: [String]

    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }
}
