import QuorumCore
@testable import QuorumEvaluation
import QuorumOrchestration
import QuorumTesting

extension TemporaryStore {
    /// Records a run over `items` for `systems`, every pair pending; returns its id.
    func createRun(items: [DatasetItem], systems: [String]) async throws -> String {
        try await createRun(questions: items.map(\.question), systems: systems)
    }
}

/// `count` one-turn items `q0…` whose reference is `2 × index`.
func arithmeticItems(_ count: Int) -> [DatasetItem] {
    arithmeticQuestions(count).map { DatasetItem(question: $0) }
}

/// Answers the arithmetic items correctly.
func arithmeticReply(_ request: QuorumCore.ChatRequest) -> String {
    let prompt = request.messages.first { $0.role == .user }?.content ?? ""
    let number = Int(prompt.split(separator: " ")[2]) ?? 0
    return "The answer is \(2 * number)."
}
