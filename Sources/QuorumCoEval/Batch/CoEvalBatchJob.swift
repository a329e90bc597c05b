import QuorumProviders

/// One stored batch and the units of this invocation whose requests are in it.
struct CoEvalBatchJob: Sendable {
    var batch: CoEvalBatch
    var units: [CoEvalBatchUnit]
    /// The vendor's last answer to a poll; `nil` before the first.
    var status: BatchStatus?

    var isEnded: Bool { status?.isEnded == true }
}

/// A unit of a batched phase with what it needs to be applied like a live one.
struct CoEvalBatchUnit: Sendable {
    var unit: CoEvalUnit
    var attempt: Int
    var replaying: Bool
    /// The `gen-G/attempt-A` path its calls are journaled under.
    var path: String
    var lines: [BatchLine]
}
