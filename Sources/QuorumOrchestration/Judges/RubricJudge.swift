import QuorumCore

/// Scores an answer on named, weighted criteria: in one call (`single`) or one call per criterion
/// (`per_factor`), combined into a weighted mean. Built over a `Rubric` of `rubrics:` instead, it
/// scores that rubric's scales and flags in one call and combines them with its composite
/// (`RubricJudge+Rubric.swift`).
public struct RubricJudge: Judge {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case single
        case perFactor = "per_factor"
    }

    public struct Criterion: Sendable, Hashable {
        public var name: String
        public var description: String
        public var weight: Double

        public init(name: String, description: String = "", weight: Double = 1) {
            self.name = name
            self.description = description
            self.weight = weight
        }
    }

    public var name: String
    public var model: String
    public var criteria: [Criterion]
    public var mode: Mode
    /// Scores run 1…`scale` (default 10).
    public var scale: Int
    /// Pass mark for the weighted mean, on the judge's scale.
    public var threshold: Double
    /// A template used verbatim for every call (placeholders filled).
    public var prompt: String?
    public var prompts: PromptSet
    public var parameters: GenerationParameters
    /// When set, the judge scores with this rubric: `criteria`, `mode` and `scale` are not used,
    /// and `threshold` applies to the normalized composite (0…1).
    public var rubric: Rubric?

    public init(
        name: String, model: String, criteria: [Criterion], mode: Mode = .single, scale: Int = 10,
        threshold: Double? = nil, prompt: String? = nil, prompts: PromptSet = PromptSet(),
        parameters: GenerationParameters? = nil
    ) {
        self.name = name
        self.model = model
        self.criteria = criteria
        self.mode = mode
        self.scale = scale
        self.threshold = threshold ?? 0.9 * Double(scale)
        self.prompt = prompt
        self.prompts = prompts
        self.parameters = .judgeDefaults(parameters)
    }

    /// A judge that scores with `rubric`; it passes an answer whose normalized composite reaches
    /// `threshold` (0…1, default 0.5).
    public init(
        name: String, model: String, rubric: Rubric, threshold: Double? = nil, prompt: String? = nil,
        prompts: PromptSet = PromptSet(), parameters: GenerationParameters? = nil
    ) {
        self.init(
            name: name, model: model, criteria: rubric.criteria.map { Criterion(name: $0.name, description: $0.description) },
            scale: rubric.criteria.map(\.scale.upperBound).max() ?? 1, threshold: threshold ?? 0.5, prompt: prompt,
            prompts: prompts, parameters: parameters)
        self.rubric = rubric
    }

    public func verdict(on answer: String, to question: Question, in context: RunContext) async throws -> Verdict {
        if let rubric { return try await verdict(on: answer, to: question, with: rubric, in: context) }
        var values = [
            "question": question.originalPrompt, "answer": answer, "reference": question.reference ?? "",
            "scale_min": "1", "scale_max": "\(scale)",
        ]
        let retry = JudgeCall<[String: Double]>(
            model: model, parameters: parameters, responseFormat: .jsonObject(schema: nil),
            retryPrompt: prompts.template("judge.retry"))
        var scores: [String: Double] = [:]
        var calls: [CallRecord] = []
        var failures: [String] = []
        switch mode {
        case .single:
            values["criteria"] = criteria.map { "- \($0.name): \($0.description)" }.joined(separator: "\n")
            let text = PromptTemplate.fill(prompt ?? prompts.template("judge.rubric"), values)
            let (parsed, made) = try await retry.run([.user(text)], key: "rubric.\(name)", in: context) {
                try parseScores($0)
            }
            calls = made
            switch parsed {
            case .success(let found): scores = found
            case .failure(let error): failures.append(error.message)
            }
        case .perFactor:
            let values = values
            let results = try await criteria.enumerated().map { ($0.offset, $0.element) }.concurrentMap { index, criterion in
                var local = values
                local["criterion"] = criterion.name
                local["description"] = criterion.description
                let text = PromptTemplate.fill(prompt ?? prompts.template("judge.rubric.factor"), local)
                let parser = ScoreParser(scale: scale)
                let (parsed, made) = try await retry.run([.user(text)], key: "rubric.\(name).\(index + 1)", in: context) {
                    ["score": try parser.parse($0).score]
                }
                return (criterion.name, parsed, made)
            }
            for (criterion, parsed, made) in results {
                calls += made
                switch parsed {
                case .success(let found): scores[criterion] = found["score"]
                case .failure(let error): failures.append("\(criterion): \(error.message)")
                }
            }
        }
        return verdict(scores: scores, failures: failures, calls: calls)
    }

    func verdict(scores: [String: Double], failures: [String], calls: [CallRecord]) -> Verdict {
        guard failures.isEmpty, criteria.allSatisfy({ scores[$0.name] != nil }) else {
            let error = failures.isEmpty ? "some criteria were not scored" : failures.joined(separator: "; ")
            return Verdict(record: VerdictRecord(judge: name, score: nil, passed: false, parseError: error), calls: calls)
        }
        let totalWeight = criteria.map(\.weight).reduce(0, +)
        let composite = criteria.map { $0.weight * scores[$0.name]! }.reduce(0, +) / max(totalWeight, .leastNonzeroMagnitude)
        let breakdown = criteria.map { "\($0.name) \(AnswerExtractor.canonical(scores[$0.name]!))" }.joined(separator: ", ")
        let record = VerdictRecord(
            judge: name, score: composite / Double(scale), passed: composite >= threshold, reasoning: breakdown,
            feedback: composite >= threshold ? nil : "Rubric scores: \(breakdown).")
        return Verdict(record: record, calls: calls)
    }

    /// `{"scores": {"name": 7, …}}` or `{"name": 7, …}`; every criterion present and in range.
    func parseScores(_ text: String) throws -> [String: Double] {
        guard let object = JSONExtraction.object(in: text) else {
            throw QuorumError(.judge, "no JSON object in the rubric reply")
        }
        let table = object["scores"]?.objectValue ?? object
        var scores: [String: Double] = [:]
        for criterion in criteria {
            let entry = table[criterion.name]
                ?? table.first { $0.key.caseInsensitiveCompare(criterion.name) == .orderedSame }?.value
            guard let value = entry?.looseNumber ?? entry?["score"]?.looseNumber else {
                throw QuorumError(.judge, "no score for criterion '\(criterion.name)'")
            }
            guard (0...Double(scale)).contains(value) else {
                throw QuorumError(.judge, "score \(value) for '\(criterion.name)' is outside 1…\(scale)")
            }
            scores[criterion.name] = value
        }
        return scores
    }
}
