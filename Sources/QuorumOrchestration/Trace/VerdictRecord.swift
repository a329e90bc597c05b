/// What a judge or verifier decided about one answer.
public struct VerdictRecord: Sendable, Hashable, Codable {
    public var judge: String
    /// Normalized score in 0…1 (a 1–10 judge's 7 is 0.7); `nil` when unparseable.
    public var score: Double?
    public var passed: Bool
    /// `Valid`, `Invalid`, `A>B`, …: the judge's own label, when it gives one.
    public var label: String?
    public var reasoning: String?
    public var feedback: String?
    /// Set when the judge's output could not be parsed (counts as not passed).
    public var parseError: String?
    /// A rubric judge's score per criterion, on each criterion's own scale. This and the three
    /// below are set only by judges that score with a rubric of `rubrics:`; optional, so traces
    /// stored before they existed still decode.
    public var criteria: [String: Double]?
    /// A rubric judge's yes/no checks.
    public var flags: [String: Bool]?
    /// The rubric's composite of `criteria` and `flags` (`score` is it normalized to 0…1).
    public var composite: Double?
    /// The rubric's label, `id@version`, so scores from different days stay comparable.
    public var rubric: String?

    public init(
        judge: String, score: Double?, passed: Bool, label: String? = nil, reasoning: String? = nil,
        feedback: String? = nil, parseError: String? = nil
    ) {
        self.judge = judge
        self.score = score
        self.passed = passed
        self.label = label
        self.reasoning = reasoning
        self.feedback = feedback
        self.parseError = parseError
    }
}
