import QuorumCore

/// A debate-triggered cascade: at each level, workers with personas answer in parallel, critique
/// each other for `rounds` rounds, and a panel judge scores them all and names the best.
///
/// The level is accepted when the best score reaches its threshold; otherwise the next level gets
/// the `debate.escalate` prompt with the question, the workers' answers, scores and the judge's
/// reasons. After the last level its best answer is returned, marked unresolved.
public struct DebateSystem: AnswerSystem {
    /// A worker: who answers, and the persona (system prompt) it answers with.
    public struct Worker: Sendable {
        public var responder: Responder
        public var persona: String

        public init(responder: Responder, persona: String) {
            self.responder = responder
            self.persona = persona
        }
    }

    /// One level of the debate.
    public struct Level: Sendable {
        public var workers: [Worker]
        /// Critique rounds after the first answers (0 = answer once).
        public var rounds: Int
        public var judge: PanelJudge
        /// Pass mark for the best score, on the judge's scale.
        public var threshold: Double

        public init(workers: [Worker], rounds: Int, judge: PanelJudge, threshold: Double) {
            self.workers = workers
            self.rounds = rounds
            self.judge = judge
            self.threshold = threshold
        }
    }

    public var name: String
    public var levels: [Level]
    public var prompts: PromptSet

    public init(name: String, levels: [Level], prompts: PromptSet = PromptSet()) {
        self.name = name
        self.levels = levels
        self.prompts = prompts
    }

    /// What a finished level leaves for the next one.
    struct Outcome {
        var answers: [String]
        var decision: PanelJudge.Decision?
        var passed: Bool
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let context = context.scoped(name)
        var nodes: [TraceNode] = []
        var previous: Outcome?
        for (index, level) in levels.enumerated() {
            let number = index + 1
            let levelContext = context.scoped("level-\(number)")
            let opening = previous.map { escalationPrompt(question, $0, level: levels[index - 1]) }
            let (answers, rounds) = try await debate(question, level, opening: opening, in: levelContext)
            let (outcome, gateNode) = try await judge(question, answers, level, in: levelContext)
            let isLast = number == levels.count
            let note = outcome.passed ? "accepted" : (isLast ? "not accepted" : "escalated")
            nodes.append(TraceNode(
                kind: .level, label: "level \(number)", note: "\(note): \(gateNode.note ?? "")",
                children: rounds + [gateNode]))
            if outcome.passed || isLast {
                let best = outcome.decision?.best ?? 0
                let summary = outcome.passed
                    ? "accepted at level \(number)" : "unresolved after \(levels.count) levels; returned level \(number)"
                let trace = TraceNode(kind: .system, label: name, note: "debate: " + summary, children: nodes)
                return Answer(
                    text: answers[best], trace: trace, level: number, resolved: outcome.passed,
                    latency: start.secondsElapsed)
            }
            previous = outcome
        }
        throw QuorumError(.configuration, "debate '\(name)' has no levels", context: ["system": name])
    }

    /// The first answers and every critique round; returns the final answers and one node per round.
    func debate(
        _ question: Question, _ level: Level, opening: String?, in context: RunContext
    ) async throws -> ([String], [TraceNode]) {
        var answers: [String] = []
        var rounds: [TraceNode] = []
        for round in 0...level.rounds {
            try Task.checkCancellation()
            let roundContext = context.scoped("round-\(round)")
            let current = answers
            let responses = try await Array(level.workers.enumerated()).concurrentMap { index, worker in
                let prompt = round == 0
                    ? opening
                    : prompts.render(
                        "critique",
                        ["question": question.prompt, "own_answer": current[index],
                         "peer_answers": peers(of: index, in: current)])
                let messages = question.messages(replacingLastUserTurnWith: prompt, system: worker.persona)
                return try await worker.responder.respond(
                    to: question, messages: messages, key: "worker-\(index + 1)", in: roundContext)
            }
            answers = responses.map(\.text)
            let label = round == 0 ? "round 0 (answers)" : "round \(round) (critique)"
            rounds.append(TraceNode(kind: .round, label: label, children: responses.map(\.node)))
        }
        return (answers, rounds)
    }

    func peers(of index: Int, in answers: [String]) -> String {
        answers.enumerated().filter { $0.offset != index }
            .map { "[Expert \($0.offset + 1)]\n\($0.element)" }.joined(separator: "\n\n")
    }

    func judge(
        _ question: Question, _ answers: [String], _ level: Level, in context: RunContext
    ) async throws -> (Outcome, TraceNode) {
        let (result, calls) = try await level.judge.decide(answers, for: question, prompts: prompts, in: context.scoped("judge"))
        let scale = Double(level.judge.scale)
        var children = calls.map { TraceNode(kind: .call, label: $0.model, call: $0) }
        switch result {
        case .success(let decision):
            let passed = decision.bestScore >= level.threshold
            for (index, score) in decision.scores.enumerated() {
                let record = VerdictRecord(
                    judge: level.judge.name, score: score / scale, passed: score >= level.threshold,
                    reasoning: decision.reasons[index])
                children.append(TraceNode(kind: .verdict, label: "worker \(index + 1)", verdict: record))
            }
            let shown = AnswerExtractor.canonical(decision.bestScore)
            let reason = "best worker \(decision.best + 1) scored \(shown) "
                + (passed ? "≥" : "<") + " \(AnswerExtractor.canonical(level.threshold))"
            let record = VerdictRecord(
                judge: level.judge.name, score: decision.bestScore / scale, passed: passed,
                label: "worker \(decision.best + 1)", reasoning: decision.reasons[decision.best])
            let node = TraceNode(kind: .verdict, label: "gate", verdict: record, note: reason, children: children)
            return (Outcome(answers: answers, decision: decision, passed: passed), node)
        case .failure(let error):
            let record = VerdictRecord(judge: level.judge.name, score: nil, passed: false, parseError: error.message)
            let node = TraceNode(
                kind: .verdict, label: "gate", verdict: record, note: "unreadable panel verdict: \(error.message)",
                children: children)
            return (Outcome(answers: answers, decision: nil, passed: false), node)
        }
    }

    func escalationPrompt(_ question: Question, _ outcome: Outcome, level: Level) -> String {
        let listing = outcome.answers.enumerated().map { index, answer in
            guard let decision = outcome.decision else {
                return "[Answer \(index + 1)] (the judge's verdict could not be read)\n\(answer)"
            }
            let score = AnswerExtractor.canonical(decision.scores[index])
            return "[Answer \(index + 1)] score \(score)/\(level.judge.scale == 1 ? "1.0" : "\(level.judge.scale)")\n"
                + "\(answer)\nJudge: \(decision.reasons[index])"
        }.joined(separator: "\n\n")
        return prompts.render("debate.escalate", ["question": question.prompt, "previous_answers": listing])
    }
}
