import Foundation
import QuorumCore

/// Phase 4's unit: one student's answer to one item.
public struct CoEvalResponse: Sendable, Hashable, Codable {
    /// `{itemID}.{student}`.
    public var id: String
    public var itemID: String
    public var task: String
    public var teacher: String
    public var student: String
    public var text: String
    public var usage: Usage
    public var cost: USD
    /// Seconds the student took.
    public var latency: Double
    public var createdAt: Date

    public init(
        itemID: String, task: String, teacher: String, student: String, text: String,
        usage: Usage = Usage(), cost: USD = .zero, latency: Double = 0, createdAt: Date = Date()
    ) {
        self.id = "\(itemID).\(student)"
        self.itemID = itemID
        self.task = task
        self.teacher = teacher
        self.student = student
        self.text = text
        self.usage = usage
        self.cost = cost
        self.latency = latency
        self.createdAt = createdAt
    }
}
