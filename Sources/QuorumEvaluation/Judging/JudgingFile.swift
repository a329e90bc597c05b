import QuorumCore

/// One file a person (or an outside agent) fills in to judge a run's answers with its rubric:
/// self-describing (the whole rubric and instructions travel with it), written by
/// `JudgingExport`, read back by `JudgingApply`.
public struct JudgingFile: Sendable, Hashable, Codable {
    /// The `format` this Quorum writes and reads.
    public static let currentFormat = "quorum-judging/1"

    public var format: String
    /// The run's id.
    public var run: String
    public var rubric: RubricConfig
    /// What to do, for the person holding the file.
    public var instructions: String
    /// Who judges; may be left empty for the judge to fill in.
    public var judge: String
    public var cells: [Cell]

    public init(run: String, rubric: RubricConfig, instructions: String, judge: String, cells: [Cell]) {
        format = Self.currentFormat
        self.run = run
        self.rubric = rubric
        self.instructions = instructions
        self.judge = judge
        self.cells = cells
    }

    /// One (system, item) answer to judge, with what it was asked and empty (`null`) score fields.
    public struct Cell: Sendable, Hashable, Codable {
        /// `SYSTEM::ITEM`.
        public var id: String
        public var system: String
        public var item: String
        /// In a grid run: the model that answered (the grid's system); else `nil`.
        public var model: String?
        /// In a grid run: the prompt version, from an item id `PROMPT/SCENARIO`; else `nil`.
        public var prompt: String?
        /// In a grid run: the scenario; else `nil`.
        public var scenario: String?
        /// The messages the answer was given.
        public var inputs: [ChatMessage]
        /// The answer to judge.
        public var candidate: String
        /// SHA-256 of `candidate` when exported: an answer that changed since is not judged.
        public var candidateSHA256: String
        /// Criterion → a whole number on its scale, `nil` until judged.
        public var scores: [String: Double?]
        /// Flag → true or false, `nil` until judged.
        public var flags: [String: Bool?]
        public var comment: String?

        public init(
            system: String, item: String, model: String? = nil, prompt: String? = nil, scenario: String? = nil,
            inputs: [ChatMessage], candidate: String, candidateSHA256: String, scores: [String: Double?],
            flags: [String: Bool?], comment: String? = nil
        ) {
            id = Self.id(system: system, item: item)
            self.system = system
            self.item = item
            self.model = model
            self.prompt = prompt
            self.scenario = scenario
            self.inputs = inputs
            self.candidate = candidate
            self.candidateSHA256 = candidateSHA256
            self.scores = scores
            self.flags = flags
            self.comment = comment
        }

        /// `SYSTEM::ITEM`: a cell's id in a judging file.
        public static func id(system: String, item: String) -> String { "\(system)::\(item)" }

        enum CodingKeys: String, CodingKey {
            case id, system, item, model, prompt, scenario, inputs, candidate, candidateSHA256 = "candidate_sha256", scores,
                flags, comment
        }
    }
}
