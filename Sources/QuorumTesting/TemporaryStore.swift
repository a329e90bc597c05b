import Foundation
import QuorumOrchestration
import QuorumStore

/// A fresh SQLite store in a temporary folder, removed when the last reference goes.
public final class TemporaryStore: Sendable {
    public let folder: URL
    public let store: SQLiteRunStore

    public init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-test-\(UUID().uuidString)")
        store = try SQLiteRunStore(path: folder.appendingPathComponent("runs.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Records a run over `questions` for `systems`, every pair pending; returns its id.
    public func createRun(questions: [Question], systems: [String]) async throws -> String {
        let run = RunRecord(
            id: RunRecord.makeID(), name: "test", configSnapshot: "{}", dataset: "inline", systems: systems,
            scoring: "verifier:auto")
        let pairs = questions.enumerated().flatMap { position, question in
            systems.map {
                ItemRecord(runID: run.id, system: $0, itemID: question.id, position: position, prompt: question.prompt,
                    reference: question.reference)
            }
        }
        try await store.createRun(run, items: pairs)
        return run.id
    }
}

/// `count` one-turn questions `q0…` whose reference is `2 × index`.
public func arithmeticQuestions(_ count: Int) -> [Question] {
    (0..<count).map { Question(id: "q\($0)", prompt: "What is \($0) + \($0)?", reference: "\(2 * $0)") }
}
