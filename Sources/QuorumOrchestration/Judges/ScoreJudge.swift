import QuorumCore

/// Scores one answer with a model: the verdict JSON `{"reasoning", "verdict", "score", "feedback"}`.
///
/// Passes when the score reaches `threshold` (on the judge's scale) and the verdict is not `Invalid`.
/// Requests `json_object` with a schema; llama.cpp's grammar ignores numeric bounds, so the range
/// is checked here. An unreadable reply gets one stricter retry, then counts as not passed.
public struct ScoreJudge: Judge {
    public var name: String
    public var model: String
    /// `1` (0.0–1.0) or `10` (1–10).
    public var scale: Int
    /// Pass mark on the judge's scale.
    public var threshold: Double
    /// A template used verbatim (placeholders filled), replacing the default prompt.
    public var prompt: String?
    public var prompts: PromptSet
    public var parameters: GenerationParameters

    public init(
        name: String, model: String, scale: Int = 1, threshold: Double? = nil, prompt: String? = nil,
        prompts: PromptSet = PromptSet(), parameters: GenerationParameters? = nil
    ) {
        self.name = name
        self.model = model
        self.scale = scale
        self.threshold = threshold ?? 0.9 * Double(scale)
        self.prompt = prompt
        self.prompts = prompts
        self.parameters = .judgeDefaults(parameters)
    }

    /// The same judge with another pass mark (a gate's `threshold:`).
    public func with(threshold: Double?) -> ScoreJudge {
        var copy = self
        if let threshold { copy.threshold = threshold }
        return copy
    }

    /// The JSON schema sent with the request; bounds are stated but checked here too.
    public var schema: JSONValue {
        let low: JSONValue = scale == 1 ? 0 : 1
        return [
            "type": "object",
            "properties": [
                "reasoning": ["type": "string"],
                "verdict": ["type": "string", "enum": ["Valid", "Invalid"]],
                "score": ["type": "number", "minimum": low, "maximum": .number(Double(scale))],
                "feedback": ["type": "string"],
            ],
            "required": ["reasoning", "verdict", "score", "feedback"],
        ]
    }

    /// The placeholder values every score-style prompt may use.
    func values(answer: String, question: Question) -> [String: String] {
        let reference = question.reference ?? ""
        return [
            "question": question.originalPrompt, "answer": answer, "reference": reference,
            "reference_section": reference.isEmpty ? "" : "\n\nA reference answer is known to be correct:\n\(reference)",
            "scale_min": scale == 1 ? "0.0" : "1", "scale_max": scale == 1 ? "1.0" : "\(scale)",
        ]
    }

    public func verdict(on answer: String, to question: Question, in context: RunContext) async throws -> Verdict {
        let values = values(answer: answer, question: question)
        let text = PromptTemplate.fill(prompt ?? prompts.template("judge.score"), values)
        let call = JudgeCall<ScoreParser.Reading>(
            model: model, parameters: parameters, responseFormat: .jsonObject(schema: schema),
            retryPrompt: prompts.render("judge.score.retry", values))
        let parser = ScoreParser(scale: scale)
        let (parsed, calls) = try await call.run([.user(text)], key: "judge.\(name)", in: context) {
            try parser.parse($0)
        }
        switch parsed {
        case .success(let reading):
            let passed = reading.score >= threshold && reading.verdict != "Invalid"
            let record = VerdictRecord(
                judge: name, score: reading.score / Double(scale), passed: passed, label: reading.verdict,
                reasoning: reading.reasoning, feedback: reading.feedback)
            return Verdict(record: record, calls: calls)
        case .failure(let error):
            let record = VerdictRecord(judge: name, score: nil, passed: false, parseError: error.message)
            return Verdict(record: record, calls: calls)
        }
    }
}
