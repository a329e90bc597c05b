import Foundation
import QuorumCore

/// Phase 3's unit: one test item a teacher wrote for a task (CoEval calls it a datapoint).
public struct CoEvalItem: Sendable, Hashable, Codable {
    /// Stable across resumes: `{task}.{teacher}.{n}` with `n` from 1.
    public var id: String
    public var task: String
    public var teacher: String
    public var prompt: String
    public var referenceResponse: String
    /// The attribute values this item was sampled from (target and nuanced), name → value.
    public var sampledTarget: [String: String]
    public var sampledNuanced: [String: String]
    /// What generating this item cost (the teacher's call).
    public var cost: USD
    public var createdAt: Date

    public init(
        id: String, task: String, teacher: String, prompt: String, referenceResponse: String,
        sampledTarget: [String: String] = [:], sampledNuanced: [String: String] = [:],
        cost: USD = .zero, createdAt: Date = Date()
    ) {
        self.id = id
        self.task = task
        self.teacher = teacher
        self.prompt = prompt
        self.referenceResponse = referenceResponse
        self.sampledTarget = sampledTarget
        self.sampledNuanced = sampledNuanced
        self.cost = cost
        self.createdAt = createdAt
    }
}
