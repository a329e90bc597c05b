import QuorumCore

/// Cheap first, expensive only when needed: each level answers in turn until one passes the gate.
///
/// Level 1 gets the question; each later level gets the `refine` prompt with the question, the
/// previous answer and the gate's feedback. When no level passes, the last answer is returned
/// (`return: last`) or the best-scored one (`return: best`), and the answer is marked unresolved.
public struct CascadeSystem: AnswerSystem {
    /// Which answer to return when no level passes.
    public enum ReturnPolicy: String, Sendable, Hashable, CaseIterable {
        case last, best
    }

    public var name: String
    public var levels: [Responder]
    /// `nil` accepts the first level's answer.
    public var gate: Gate?
    public var returnPolicy: ReturnPolicy
    public var prompts: PromptSet

    public init(
        name: String, levels: [Responder], gate: Gate?, returnPolicy: ReturnPolicy = .last,
        prompts: PromptSet = PromptSet()
    ) {
        self.name = name
        self.levels = levels
        self.gate = gate
        self.returnPolicy = returnPolicy
        self.prompts = prompts
    }

    struct Attempt {
        var text: String
        var score: Double?
        var level: Int
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let context = context.scoped(name)
        var nodes: [TraceNode] = []
        var attempts: [Attempt] = []
        var feedback: String?
        for (index, responder) in levels.enumerated() {
            let number = index + 1
            let levelContext = context.scoped("level-\(number)")
            var messages = question.messages
            if let previous = attempts.last {
                let prompt = prompts.render(
                    "refine",
                    ["question": question.prompt, "previous_answer": previous.text,
                     "feedback": feedback?.isEmpty == false ? feedback! : "(no feedback was given)"])
                messages = question.messages(replacingLastUserTurnWith: prompt)
            }
            let response = try await responder.respond(to: question, messages: messages, key: "answer", in: levelContext)
            var levelNode = TraceNode(kind: .level, label: "level \(number)", children: [response.node])
            guard let gate else {
                levelNode.note = "accepted: no gate"
                nodes.append(levelNode)
                return finish(response.text, level: number, resolved: true, nodes, "accepted at level 1 (no gate)", start)
            }
            let input = GateInput(question: question, answer: response.text, responder: responder, messages: messages)
            let outcome = try await gate.evaluate(input, in: levelContext)
            levelNode.children.append(outcome.node)
            let text = outcome.replacement ?? response.text
            attempts.append(Attempt(text: text, score: outcome.score, level: number))
            if outcome.passed {
                levelNode.note = "accepted: \(outcome.reason)"
                nodes.append(levelNode)
                return finish(text, level: number, resolved: true, nodes, "accepted at level \(number)", start)
            }
            let isLast = number == levels.count
            levelNode.note = (isLast ? "not accepted: " : "escalated: ") + outcome.reason
            nodes.append(levelNode)
            feedback = outcome.feedback
        }
        let chosen = returnPolicy == .best ? best(of: attempts) : attempts[attempts.count - 1]
        let note = "unresolved after \(levels.count) levels; returned level \(chosen.level) (\(returnPolicy.rawValue))"
        return finish(chosen.text, level: chosen.level, resolved: false, nodes, note, start)
    }

    /// The highest-scored attempt; ties go to the later (stronger) level, unscored attempts rank last.
    func best(of attempts: [Attempt]) -> Attempt {
        var chosen = attempts[0]
        for attempt in attempts.dropFirst() where (attempt.score ?? -1) >= (chosen.score ?? -1) { chosen = attempt }
        return chosen
    }

    func finish(
        _ text: String, level: Int, resolved: Bool, _ nodes: [TraceNode], _ note: String, _ start: ContinuousClock.Instant
    ) -> Answer {
        let trace = TraceNode(kind: .system, label: name, note: "cascade: " + note, children: nodes)
        return Answer(text: text, trace: trace, level: level, resolved: resolved, latency: start.secondsElapsed)
    }
}
