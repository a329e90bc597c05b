import QuorumCore

/// A run's spending as recorded by every process working on it (the workers of a shared store),
/// read before each paid call so a budget or quota holds across machines.
public protocol SharedSpending: Sendable {
    /// Money and calls per model recorded so far by all of the run's workers.
    func recorded() async throws -> (spent: USD, callsByModel: [String: Int])
}
