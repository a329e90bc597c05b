import QuorumOrchestration

/// Where runs, items and calls live. SQLite (`SQLiteRunStore`) is the embedded default; a shared
/// PostgreSQL store implements the same protocol.
///
/// Every method is safe to call concurrently. Writes are transactional: an item and the calls of
/// its trace are saved together or not at all.
public protocol RunStore: Sendable {
    /// Records a new run and its (system, item) pairs, all pending.
    func createRun(_ run: RunRecord, items: [ItemRecord]) async throws
    /// Adds pairs a continued run needs that the first attempt did not have (a larger `--limit`); existing pairs are kept.
    func addMissingItems(_ items: [ItemRecord]) async throws
    /// Changes a run's status and stop reason, stamping `finishedAt` when it completes.
    func updateRun(_ id: String, status: RunStatus, stopReason: String?) async throws
    func run(_ id: String) async throws -> RunRecord?
    /// Every run, newest first.
    func runs() async throws -> [RunRecord]
    /// The run's items in dataset order, system by system.
    func items(ofRun id: String) async throws -> [ItemRecord]
    func item(ofRun id: String, system: String, itemID: String) async throws -> ItemRecord?
    /// Saves an item's result together with every successful call of its trace, in one transaction.
    func save(_ item: ItemRecord) async throws
    /// The resume journal for one (run, system, item): replays stored calls, records new ones at once.
    /// `replaying: false` promises no call is stored for the pair yet, which skips the lookup.
    func journal(run: String, system: String, item: String, replaying: Bool) async throws -> any CallJournal
    /// The (system, item) pairs of the run that have stored calls, as `PairKey`s.
    func pairsWithCalls(ofRun id: String) async throws -> Set<PairKey>
    /// Money and calls per model already spent by the run (every stored call, finished items or not).
    func spending(ofRun id: String) async throws -> RunSpending
}

/// A (system, item) pair of a run, as a set element.
public struct PairKey: Sendable, Hashable {
    public var system: String
    public var item: String

    public init(system: String, item: String) {
        self.system = system
        self.item = item
    }
}

extension RunStore {
    /// The journal of a pair that may have stored calls.
    public func journal(run: String, system: String, item: String) async throws -> any CallJournal {
        try await journal(run: run, system: system, item: item, replaying: true)
    }
}
