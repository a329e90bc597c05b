import QuorumCore

/// Cheap first, expensive only when needed: each level answers in turn until one passes the gate.
///
/// Level 1 gets the question; each later level gets the original conversation (`escalate: fresh`,
/// the default) or the `refine` prompt with the question, the previous answer and the gate's
/// feedback (`escalate: refine`). When no level passes, the last answer is returned (`return: last`) or the
/// best-scored one (`return: best`), and the answer is marked unresolved. With `return: last` the last
/// level is not gated unless `gatesLastLevel` asks: its verdict cannot change the answer.
public struct CascadeSystem: AnswerSystem {
    /// Which answer to return when no level passes.
    public enum ReturnPolicy: String, Sendable, Hashable, CaseIterable {
        case last, best
    }

    /// What a later level is asked.
    public enum Escalation: String, Sendable, Hashable, CaseIterable {
        /// The refinement prompt: question, previous answer, the gate's feedback.
        case refine
        /// The original conversation, as level 1 got it.
        case fresh
    }

    public var name: String
    public var levels: [Responder]
    /// `nil` accepts the first level's answer.
    public var gate: Gate?
    public var returnPolicy: ReturnPolicy
    public var escalation: Escalation
    /// Whether the last level is gated when its verdict cannot change the answer (`return: last`).
    public var gatesLastLevel: Bool
    public var prompts: PromptSet

    public init(
        name: String, levels: [Responder], gate: Gate?, returnPolicy: ReturnPolicy = .last,
        escalation: Escalation = .fresh, gatesLastLevel: Bool = false, prompts: PromptSet = PromptSet()
    ) {
        self.escalation = escalation
        self.gatesLastLevel = gatesLastLevel
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
        var lastError: QuorumError?
        for (index, responder) in levels.enumerated() {
            let number = index + 1
            let levelContext = context.scoped("level-\(number)")
            let messages = self.messages(question, previous: attempts.last, feedback: feedback)
            let response: Responder.Response
            do {
                // A confidence gate reads the answer's own logprobs: asked for on this call.
                let parameters = gate?.logprobsWanted.map { GenerationParameters(logprobs: $0) }
                response = try await responder.respond(
                    to: question, messages: messages, key: "answer", in: levelContext, parameters: parameters)
            } catch let error as QuorumError where CascadeSystem.escalates(error) {
                // A level whose model failed (after its own retries) is skipped, not fatal: the next
                // level still answers. Budget, cancellation and configuration errors stop the item.
                lastError = error
                nodes.append(failedLevel(number, responder, messages, error, levelContext))
                continue
            }
            var levelNode = TraceNode(kind: .level, label: "level \(number)", children: [response.node])
            guard let gate else {
                levelNode.note = "accepted: no gate"
                return finish(response.text, level: number, resolved: true, nodes + [levelNode], "accepted (no gate)", start)
            }
            if number == levels.count, number > 1, returnPolicy == .last, !gatesLastLevel {
                levelNode.note = "accepted: last level, not gated (its verdict could not change the answer)"
                return finish(
                    response.text, level: number, resolved: true, nodes + [levelNode], "accepted at the last level", start)
            }
            let input = GateInput(
                question: question, answer: response.text, responder: responder, messages: messages,
                logprobs: response.logprobs)
            let outcome = try await gate.evaluate(input, in: levelContext)
            levelNode.children.append(outcome.node)
            let text = outcome.replacement ?? response.text
            attempts.append(Attempt(text: text, score: outcome.score, level: number))
            if outcome.passed {
                levelNode.note = "accepted: \(outcome.reason)"
                return finish(text, level: number, resolved: true, nodes + [levelNode], "accepted at level \(number)", start)
            }
            levelNode.note = (number == levels.count ? "not accepted: " : "escalated: ") + outcome.reason
            nodes.append(levelNode)
            feedback = outcome.feedback
        }
        guard !attempts.isEmpty else {
            throw lastError ?? QuorumError(.internal, "cascade '\(name)' has no levels", context: ["system": name])
        }
        let chosen = returnPolicy == .best ? best(of: attempts) : attempts[attempts.count - 1]
        let note = "unresolved after \(levels.count) levels; returned level \(chosen.level) (\(returnPolicy.rawValue))"
        return finish(chosen.text, level: chosen.level, resolved: false, nodes, note, start)
    }

    /// Level 1 answers the conversation as asked; later levels get the refinement prompt.
    func messages(_ question: Question, previous: Attempt?, feedback: String?) -> [ChatMessage] {
        guard let previous, escalation == .refine else { return question.messages }
        let prompt = prompts.render(
            "refine",
            ["question": question.prompt, "previous_answer": previous.text,
             "feedback": feedback.flatMap { $0.isEmpty ? nil : $0 } ?? "(no feedback was given)"])
        return question.messages(replacingLastUserTurnWith: prompt)
    }

    func failedLevel(
        _ number: Int, _ responder: Responder, _ messages: [ChatMessage], _ error: QuorumError, _ context: RunContext
    ) -> TraceNode {
        let failed = CallRecord(
            key: context.key("answer"), model: responder.name, role: .answer, messages: messages,
            error: error.description)
        return TraceNode(
            kind: .level, label: "level \(number)",
            note: (number == levels.count ? "not accepted: " : "escalated: ") + "\(responder.name) failed: \(error.message)",
            children: [TraceNode(kind: .call, label: responder.name, call: failed)])
    }

    /// The highest-scored attempt; ties go to the later (stronger) level, unscored attempts rank last.
    func best(of attempts: [Attempt]) -> Attempt {
        var chosen = attempts[0]
        for attempt in attempts.dropFirst() where (attempt.score ?? -1) >= (chosen.score ?? -1) { chosen = attempt }
        return chosen
    }

    /// Errors after which the next level is tried instead of giving up on the item.
    static func escalates(_ error: QuorumError) -> Bool {
        switch error.kind {
        case .budgetExhausted, .cancelled, .configuration, .internal, .notFound: false
        default: true
        }
    }

    func finish(
        _ text: String, level: Int, resolved: Bool, _ nodes: [TraceNode], _ note: String, _ start: ContinuousClock.Instant
    ) -> Answer {
        let trace = TraceNode(kind: .system, label: name, note: "cascade: " + note, children: nodes)
        return Answer(text: text, trace: trace, level: level, resolved: resolved, latency: start.secondsElapsed)
    }
}
