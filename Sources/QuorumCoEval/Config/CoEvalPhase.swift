/// The five phases of a CoEval run, in order.
public enum CoEvalPhase: Int, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case attributeMapping = 1
    case rubricMapping
    case dataGeneration
    case responseCollection
    case evaluation

    public static func < (lhs: CoEvalPhase, rhs: CoEvalPhase) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The key under `coeval.phases` and `tasks[].prompts`.
    public var key: String {
        switch self {
        case .attributeMapping: "attribute_mapping"
        case .rubricMapping: "rubric_mapping"
        case .dataGeneration: "data_generation"
        case .responseCollection: "response_collection"
        case .evaluation: "evaluation"
        }
    }

    /// The role whose models make this phase's calls.
    public var role: CoEvalRole {
        switch self {
        case .attributeMapping, .rubricMapping, .dataGeneration: .teacher
        case .responseCollection: .student
        case .evaluation: .judge
        }
    }

    /// `1 attribute_mapping`.
    public var description: String { "\(rawValue) \(key)" }

    /// The journal's system name for calls of this phase (calls of a run are keyed by it and the unit).
    var journalSystem: String { "coeval/\(key)" }
}

/// A model's part in CoEval.
public enum CoEvalRole: String, Sendable, Hashable, Codable, CaseIterable {
    case teacher, student, judge
}

/// How a phase treats what a run already has (CoEval's modes).
public enum CoEvalPhaseMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Generate everything; under `--continue`, regenerate the phase and every phase built on it.
    case new = "New"
    /// Skip the phase when it has any output; otherwise generate it.
    case keep = "Keep"
    /// Generate only what is missing.
    case extend = "Extend"
    /// Generate only for (task, model) pairs that have nothing yet (phases 3-5).
    case model = "Model"
}
