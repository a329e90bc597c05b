import QuorumCore

/// The rule that decides whether a level's answer is accepted or the system escalates.
public indirect enum Gate: Sendable {
    /// A judge's verdict (score ≥ threshold and not `Invalid`, or a verifier's check).
    case judge(any Judge)
    /// A programmatic check (`verifier: regex`, `json-schema`, `code`, …).
    case verifier(VerifierJudge)
    /// Self-consistency: draw `samples` answers in all (the candidate counts as the first) and
    /// accept the majority answer when at least `min` agree. No judge cost.
    case agreement(samples: Int, min: Int, extractor: AnswerExtractor, temperature: Double)
    /// The answer's own token logprobs, read from the answering call: no extra call.
    case confidence(ConfidenceRule)
    /// Every gate passes (stops at the first that does not).
    case all([Gate])
    /// Some gate passes (stops at the first that does).
    case any([Gate])

    /// The name the trace and per-gate statistics use: `judge:quality`, `agreement:3/5`, `all(…)`.
    public var name: String {
        switch self {
        case .judge(let judge): "judge:\(judge.name)"
        case .verifier(let verifier): "verifier:\(verifier.verifier.kindName)"
        case .agreement(let samples, let min, _, _): "agreement:\(min)/\(samples)"
        case .confidence(let rule): "confidence:\(rule.name)"
        case .all(let gates): "all(" + gates.map(\.name).joined(separator: ",") + ")"
        case .any(let gates): "any(" + gates.map(\.name).joined(separator: ",") + ")"
        }
    }
}

extension Gate {
    /// How many alternatives per token the answering call must ask for, or `nil` when no part of
    /// this gate reads logprobs.
    public var logprobsWanted: Int? {
        switch self {
        case .confidence(let rule): rule.signal.alternativesWanted
        case .all(let gates), .any(let gates): gates.compactMap(\.logprobsWanted).max()
        case .judge, .verifier, .agreement: nil
        }
    }
}

/// What a gate decided about one level's answer.
public struct GateOutcome: Sendable {
    public var passed: Bool
    /// Normalized 0…1 score, where the gate has one (used by `return: best`).
    public var score: Double?
    /// What to fix, for the next level's refinement prompt.
    public var feedback: String?
    /// The answer to use instead of the candidate (an agreement gate's majority answer).
    public var replacement: String?
    /// The `.verdict` node labelled `gate`, with the sub-verdicts and sample calls as children.
    public var node: TraceNode

    /// Why the gate decided as it did, in a few words, for the level's note.
    public var reason: String {
        node.note ?? (passed ? "passed" : "failed")
    }
}

/// What a gate looks at: the item, the level's answer, and how to ask the level again.
public struct GateInput: Sendable {
    public var question: Question
    public var answer: String
    /// The level's responder and messages, for gates that draw more samples.
    public var responder: Responder
    public var messages: [ChatMessage]
    /// The answer's token logprobs, when the level's call asked for them (`Gate.logprobsWanted`).
    public var logprobs: [TokenLogprob]?

    public init(
        question: Question, answer: String, responder: Responder, messages: [ChatMessage],
        logprobs: [TokenLogprob]? = nil
    ) {
        self.logprobs = logprobs
        self.question = question
        self.answer = answer
        self.responder = responder
        self.messages = messages
    }
}
