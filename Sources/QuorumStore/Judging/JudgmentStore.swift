import QuorumCore

/// Where rubric judgments are kept: next to the run they judge.
public protocol JudgmentStore: Sendable {
    /// Stores `judgments` in one transaction. A judgment replaces the stored one of the same
    /// (run, system, item, judge) only when what it says differs (scores, flags, comment, rubric,
    /// candidate, kind), so saving the same judgments again changes nothing, not even `judgedAt`.
    /// Judgments not in `judgments` are never touched.
    func saveJudgments(_ judgments: [Judgment]) async throws
    /// Every judgment of the run, in the order first stored.
    func judgments(ofRun id: String) async throws -> [Judgment]
}

extension RunStore {
    /// This store as a `JudgmentStore`; throws `.store` when it cannot keep judgments.
    public func judgmentStore() throws -> any JudgmentStore {
        guard let store = self as? any JudgmentStore else {
            throw QuorumError(.store, "this store cannot keep judgments (use a SQLite or PostgreSQL store)")
        }
        return store
    }
}
