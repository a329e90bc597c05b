/// One judge's rubric scores for one (system, item) cell: a person's from `quorum judge apply`,
/// or an LLM rubric judge's from the run's trace. Kept apart by `source` in every aggregate.
public struct CellScore: Sendable, Hashable, Codable {
    public enum Source: String, Sendable, Hashable, Codable, CaseIterable {
        case human, llm
    }

    public var system: String
    public var itemID: String
    /// The person's name, or the LLM judge's configured name.
    public var judge: String
    public var source: Source
    public var criteria: [String: Double]
    public var flags: [String: Bool]
    public var composite: Double

    public init(
        system: String, itemID: String, judge: String, source: Source, criteria: [String: Double], flags: [String: Bool],
        composite: Double
    ) {
        self.system = system
        self.itemID = itemID
        self.judge = judge
        self.source = source
        self.criteria = criteria
        self.flags = flags
        self.composite = composite
    }
}
