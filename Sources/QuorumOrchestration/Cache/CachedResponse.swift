import Foundation
import QuorumCore

/// An answer kept in the response cache: what was said and what it cost the first time.
public struct CachedResponse: Sendable, Hashable, Codable {
    public var text: String
    public var finishReason: FinishReason
    public var usage: Usage
    /// What the answer cost when it was paid for: what a hit saves.
    public var cost: USD
    public var logprobs: [TokenLogprob]?
    /// A system's whole trace (`nil` for one model call).
    public var trace: TraceNode?
    /// A system's level and resolution (`nil` for one model call).
    public var level: Int?
    public var resolved: Bool?
    /// Until when the answer may be used; set by the store that returns it.
    public var expiry: Date?

    public init(
        text: String, finishReason: FinishReason = .stop, usage: Usage = .zero, cost: USD = .zero,
        logprobs: [TokenLogprob]? = nil, trace: TraceNode? = nil, level: Int? = nil, resolved: Bool? = nil
    ) {
        self.text = text
        self.finishReason = finishReason
        self.usage = usage
        self.cost = cost
        self.logprobs = logprobs
        self.trace = trace
        self.level = level
        self.resolved = resolved
    }

    /// A model's paid answer, to keep.
    public init(_ completion: Completion) {
        self.init(
            text: completion.text, finishReason: completion.finishReason, usage: completion.usage, cost: completion.cost,
            logprobs: completion.logprobs)
    }

    /// A system's paid answer, to keep.
    public init(_ answer: Answer) {
        self.init(
            text: answer.text, usage: answer.trace.usage, cost: answer.totalCost, trace: answer.trace, level: answer.level,
            resolved: answer.resolved)
    }

    /// The call record of this answer replayed for `model`: free, with the first call's cost as saved.
    public func record(key: String, model: String, role: CallRecord.Role, messages: [ChatMessage]) -> CallRecord {
        CallRecord(
            key: key, model: model, role: role, messages: messages, response: text, usage: usage, cost: .zero,
            attempts: 0, finishReason: finishReason, logprobs: logprobs, savedCost: cost)
    }
}
