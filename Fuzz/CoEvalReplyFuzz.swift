import Foundation

@testable import QuorumCoEval

/// CoEval's readers of teacher, student and judge replies.
enum CoEvalReplyFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? CoEvalReplies.attributes(text)
        _ = try? CoEvalReplies.rubric(text)
        _ = try? CoEvalReplies.item(text)
        _ = try? CoEvalReplies.grades(text, criteria: ["accuracy", "clarity"])
    }
}
