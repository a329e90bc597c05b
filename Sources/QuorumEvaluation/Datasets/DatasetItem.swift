import QuorumCore
import QuorumOrchestration

/// One dataset item ready to answer: the question, any later user turns, and where it came from.
///
/// Multi-turn benchmarks such as MT-Bench give several user turns whose later ones depend on the
/// model's own earlier answers; those later turns are `followUps`, answered in order by the runner.
public struct DatasetItem: Sendable, Hashable {
    /// The first turn (and any conversation given by the dataset before it).
    public var question: Question
    /// User turns asked after the answer to the previous turn, in order.
    public var followUps: [String]
    /// Reference answers per turn when the dataset has them (`references[0]` belongs to the first turn).
    public var references: [String?]
    /// `file:line` of the source record, for messages a user reads.
    public var location: String

    public init(question: Question, followUps: [String] = [], references: [String?] = [], location: String = "") {
        self.question = question
        self.followUps = followUps
        self.references = references.isEmpty ? [question.reference] : references
        self.location = location
    }

    public var id: String { question.id }

    /// How many user turns the runner answers for this item.
    public var turnCount: Int { 1 + followUps.count }

    /// The reference answer for the 0-based `turn`, if any.
    public func reference(forTurn turn: Int) -> String? {
        turn < references.count ? references[turn] : nil
    }
}
