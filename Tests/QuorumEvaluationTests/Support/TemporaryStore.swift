import QuorumCore
import Foundation
@testable import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

/// A fresh SQLite store in a temporary folder, removed when the test ends.
final class TemporaryStore: Sendable {
    let folder: URL
    let store: SQLiteRunStore

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-test-\(UUID().uuidString)")
        store = try SQLiteRunStore(path: folder.appendingPathComponent("runs.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Records a run over `items` for `systems`, every pair pending; returns its id.
    func createRun(items: [DatasetItem], systems: [String]) async throws -> String {
        let run = RunRecord(
            id: RunRecord.makeID(), name: "test", configSnapshot: "{}", dataset: "inline", systems: systems,
            scoring: "verifier:auto")
        let pairs = items.enumerated().flatMap { position, item in
            systems.map {
                ItemRecord(runID: run.id, system: $0, itemID: item.id, position: position, prompt: item.question.prompt,
                    reference: item.question.reference)
            }
        }
        try await store.createRun(run, items: pairs)
        return run.id
    }
}

/// `count` one-turn items `q0…` whose reference is `2 × index`.
func arithmeticItems(_ count: Int) -> [DatasetItem] {
    (0..<count).map { DatasetItem(question: Question(id: "q\($0)", prompt: "What is \($0) + \($0)?", reference: "\(2 * $0)")) }
}

/// Answers the arithmetic items correctly.
func arithmeticReply(_ request: QuorumCore.ChatRequest) -> String {
    let prompt = request.messages.first { $0.role == .user }?.content ?? ""
    let number = Int(prompt.split(separator: " ")[2]) ?? 0
    return "The answer is \(2 * number)."
}
