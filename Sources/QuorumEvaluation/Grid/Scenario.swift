import QuorumCore

/// One fixed situation a grid's cells answer: an id and the fields prompt templates fill in.
public struct Scenario: Sendable, Hashable, Codable {
    /// Unique within the grid; never contains `/` (cells are keyed `PROMPT/SCENARIO`).
    public var id: String
    /// Field → text (`persona: student`, `tasks: …`); `scenario` is the id.
    public var fields: [String: String]
    /// The factor values that made it, in factor order (`persona=student`); empty for file scenarios.
    public var factors: [String]
    /// `file:line`, or `scenarios.factors`, for messages.
    public var location: String

    public init(id: String, fields: [String: String], factors: [String] = [], location: String) {
        self.id = id
        self.fields = fields.merging(["scenario": id]) { given, _ in given }
        self.factors = factors
        self.location = location
    }
}
