import QuorumCore

/// Scores every debate worker's answer in one call and names the best, as strict JSON:
/// `{"workers": [{"worker": 1, "score": 7, "reason": "…"}, …], "best_worker": 1, "best_score": 7}`.
///
/// The reply is checked against a schema built for the number of workers (each worker exactly
/// once, numbers in range) because llama.cpp's grammar ignores numeric bounds. The best worker's
/// score is taken from the per-worker list, so the two cannot disagree.
public struct PanelJudge: Sendable {
    public var name: String
    public var model: String
    /// `1` (0.0–1.0) or `10` (1–10).
    public var scale: Int
    public var parameters: GenerationParameters

    public init(name: String, model: String, scale: Int = 10, parameters: GenerationParameters? = nil) {
        self.name = name
        self.model = model
        self.scale = scale
        self.parameters = .judgeDefaults(parameters)
    }

    /// The panel's decision, scores on the judge's scale.
    public struct Decision: Sendable, Hashable {
        /// 0-based index of the best worker.
        public var best: Int
        public var scores: [Double]
        public var reasons: [String]
        public var bestScore: Double { scores[best] }
    }

    /// The JSON schema for `count` workers.
    public func schema(workers count: Int) -> JSONValue {
        let numbers = JSONValue.array((1...max(count, 1)).map { .number(Double($0)) })
        let low: JSONValue = scale == 1 ? 0 : 1
        let entry: JSONValue = [
            "type": "object",
            "properties": [
                "worker": ["type": "integer", "enum": numbers],
                "score": ["type": "number", "minimum": low, "maximum": .number(Double(scale))],
                "reason": ["type": "string"],
            ],
            "required": ["worker", "score", "reason"],
        ]
        return [
            "type": "object",
            "properties": [
                "workers": ["type": "array", "items": entry, "minItems": .number(Double(count)),
                            "maxItems": .number(Double(count))],
                "best_worker": ["type": "integer", "enum": numbers],
                "best_score": ["type": "number", "minimum": low, "maximum": .number(Double(scale))],
            ],
            "required": ["workers", "best_worker", "best_score"],
        ]
    }

    /// Judges `answers` (in worker order) to `question`.
    public func decide(
        _ answers: [String], for question: Question, prompts: PromptSet, in context: RunContext
    ) async throws -> (decision: Result<Decision, QuorumError>, calls: [CallRecord]) {
        let listing = answers.enumerated().map { "[Worker \($0.offset + 1)]\n\($0.element)" }.joined(separator: "\n\n")
        let text = prompts.render(
            "debate.judge",
            ["question": question.originalPrompt, "answers": listing, "count": "\(answers.count)",
             "scale_min": scale == 1 ? "0.0" : "1", "scale_max": scale == 1 ? "1.0" : "\(scale)"])
        let schema = schema(workers: answers.count)
        let call = JudgeCall<Decision>(
            model: model, parameters: parameters, responseFormat: .jsonObject(schema: schema),
            retryPrompt: prompts.template("judge.retry"))
        let (parsed, calls) = try await call.run([.user(text)], key: "panel.\(name)", in: context) {
            try parse($0, workers: answers.count, schema: schema)
        }
        return (parsed, calls)
    }

    /// Reads and checks a panel reply for `count` workers.
    public func parse(_ text: String, workers count: Int, schema: JSONValue? = nil) throws -> Decision {
        guard let object = JSONExtraction.object(in: text) else {
            throw QuorumError(.judge, "no JSON object in the panel judge's reply")
        }
        let problems = JSONSchemaValidator(schema: schema ?? self.schema(workers: count)).problems(in: .object(object))
        guard problems.isEmpty else {
            throw QuorumError(.judge, "the panel verdict does not fit its schema: " + problems.prefix(3).joined(separator: "; "))
        }
        var scores = [Double?](repeating: nil, count: count)
        var reasons = [String](repeating: "", count: count)
        for entry in object["workers"]?.arrayValue ?? [] {
            let index = Int(entry["worker"]?.numberValue ?? 0) - 1
            guard scores[index] == nil else { throw QuorumError(.judge, "worker \(index + 1) is scored twice") }
            scores[index] = entry["score"]?.numberValue
            reasons[index] = entry["reason"]?.stringValue ?? ""
        }
        let best = Int(object["best_worker"]?.numberValue ?? 0) - 1
        return Decision(best: best, scores: scores.map { $0 ?? 0 }, reasons: reasons)
    }
}
