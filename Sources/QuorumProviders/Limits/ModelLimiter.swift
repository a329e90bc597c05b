import QuorumCore
import Synchronization

/// The limits one model's vendor imposes, shared by every caller in the process: at most
/// `maxInFlight` requests at once, `rpm` requests and `tpm` tokens per minute.
///
/// `ModelFactory` hands the same limiter to every model built from one config entry, so eight
/// systems calling `gpt-4.1` together still stay under its rate limit.
///
/// A class behind a `Mutex` rather than an actor: every model call takes and returns a permit,
/// and as an actor each of the two was a hop through the executor queue on the critical path of
/// a gateway request. Waits (a full slot, an empty bucket) happen outside the lock.
public final class ModelLimiter: Sendable {
    /// What `acquire` took, to be handed back to `release`.
    public struct Permit: Sendable {
        let estimatedTokens: Int
    }

    private struct State {
        var inFlight = 0
        var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextWaiter = 0
        var requests: TokenBucket?
        var tokens: TokenBucket?
    }

    private let maxInFlight: Int?
    private let state: Mutex<State>

    /// A limiter; `nil` means no limit of that kind.
    public init(maxInFlight: Int? = nil, rpm: Int? = nil, tpm: Int? = nil) {
        self.maxInFlight = maxInFlight.map { max(1, $0) }
        state = Mutex(State(requests: rpm.map { TokenBucket(capacity: $0) }, tokens: tpm.map { TokenBucket(capacity: $0) }))
    }

    /// Waits until a request of about `estimatedTokens` tokens may start. Throws `CancellationError`
    /// if the task is cancelled while waiting.
    public func acquire(estimatedTokens: Int) async throws -> Permit {
        try await waitForSlot()
        do {
            while let wait = state.withLock({ $0.requests?.take(1) }) { try await Task.sleep(for: wait) }
            while let wait = state.withLock({ $0.tokens?.take(Double(estimatedTokens)) }) { try await Task.sleep(for: wait) }
        } catch {
            freeSlot()
            throw error
        }
        return Permit(estimatedTokens: estimatedTokens)
    }

    /// Ends a request: frees its slot and settles the token bucket with the tokens really used.
    public func release(_ permit: Permit, actualTokens: Int?) {
        if let actualTokens {
            state.withLock { $0.tokens?.adjust(by: Double(permit.estimatedTokens - actualTokens)) }
        }
        freeSlot()
    }

    /// Requests running now (for tests and diagnostics).
    public var running: Int { state.withLock { $0.inFlight } }

    private func waitForSlot() async throws {
        guard let maxInFlight else { return }
        let id = state.withLock { state -> Int? in
            if state.inFlight < maxInFlight {
                state.inFlight += 1
                return nil
            }
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.waiters.append((id, continuation))
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            cancelWaiter(id)
        }
        // The slot was handed over by `freeSlot` without decrementing `inFlight`.
    }

    private func cancelWaiter(_ id: Int) {
        let waiter = state.withLock { state in
            state.waiters.firstIndex(where: { $0.id == id }).map { state.waiters.remove(at: $0) }
        }
        waiter?.continuation.resume(throwing: CancellationError())
    }

    private func freeSlot() {
        guard maxInFlight != nil else { return }
        let next = state.withLock { state -> (id: Int, continuation: CheckedContinuation<Void, any Error>)? in
            if state.waiters.isEmpty {
                state.inFlight -= 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}
