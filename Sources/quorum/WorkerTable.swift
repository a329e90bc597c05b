import Foundation
import QuorumEvaluation
import QuorumStore

/// The workers of a run and its queue, as `quorum status` prints them.
struct WorkerTable {
    var workers: [WorkerRecord]
    var queue: QueueState
    var now = Date()

    var rendered: String {
        var lines = [
            "queue: \(queue.claimable) claimable, \(queue.leased) leased, \(queue.expired) with an expired lease, "
                + "\(queue.heldBack) held back by budget or quota"
        ]
        let rows = workers.map { worker in
            [
                worker.id, worker.isSilent(at: now) ? "silent (lease over)" : worker.state.rawValue, "\(worker.leases)", "\(worker.answered)", "\(worker.failed)",
                String(format: "%.0f s ago", now.timeIntervalSince(worker.heartbeatAt)),
            ]
        }
        let header = ["worker", "state", "leases", "answered", "failed", "heartbeat"]
        lines.append(TextTable(header: header, rows: rows).rendered())
        return lines.joined(separator: "\n")
    }
}
