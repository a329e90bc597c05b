/// A vendor batch as a store keeps it (`RunBatch`, CoEval's `CoEvalBatch`): its status is the
/// vendor's last word until its answers are in the run, then `applied`.
public protocol StoredBatch: Sendable {
    var status: String { get }
}

extension StoredBatch {
    /// The status of a batch whose answers are in the run.
    public static var applied: String { "applied" }

    /// Whether its answers still have to be fetched and applied.
    public var isPending: Bool { status != Self.applied }
}
