import QuorumCore
import QuorumOrchestration

/// The run's journal for replays only: the collecting pass must not record its empty replies.
struct ReplayOnlyJournal: CallJournal {
    let base: any CallJournal

    func replay(_ key: String) async throws -> CallRecord? { try await base.replay(key) }
    func record(_ call: CallRecord) async throws {}
}
