import QuorumCore

/// The limits one model's vendor imposes, shared by every caller in the process: at most
/// `maxInFlight` requests at once, `rpm` requests and `tpm` tokens per minute.
///
/// `ModelFactory` hands the same limiter to every model built from one config entry, so eight
/// systems calling `gpt-4.1` together still stay under its rate limit.
public actor ModelLimiter {
    /// What `acquire` took, to be handed back to `release`.
    public struct Permit: Sendable {
        let estimatedTokens: Int
    }

    private let maxInFlight: Int?
    private var inFlight = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiter = 0
    private var requests: TokenBucket?
    private var tokens: TokenBucket?

    /// A limiter; `nil` means no limit of that kind.
    public init(maxInFlight: Int? = nil, rpm: Int? = nil, tpm: Int? = nil) {
        self.maxInFlight = maxInFlight.map { max(1, $0) }
        self.requests = rpm.map { TokenBucket(capacity: $0) }
        self.tokens = tpm.map { TokenBucket(capacity: $0) }
    }

    /// Waits until a request of about `estimatedTokens` tokens may start. Throws `CancellationError`
    /// if the task is cancelled while waiting.
    public func acquire(estimatedTokens: Int) async throws -> Permit {
        try await waitForSlot()
        do {
            while let wait = requests?.take(1) { try await Task.sleep(for: wait) }
            while let wait = tokens?.take(Double(estimatedTokens)) { try await Task.sleep(for: wait) }
        } catch {
            freeSlot()
            throw error
        }
        return Permit(estimatedTokens: estimatedTokens)
    }

    /// Ends a request: frees its slot and settles the token bucket with the tokens really used.
    public func release(_ permit: Permit, actualTokens: Int?) {
        freeSlot()
        if let actualTokens { tokens?.adjust(by: Double(permit.estimatedTokens - actualTokens)) }
    }

    /// Requests running now (for tests and diagnostics).
    public var running: Int { inFlight }

    private func waitForSlot() async throws {
        guard let maxInFlight else { return }
        if inFlight < maxInFlight {
            inFlight += 1
            return
        }
        let id = nextWaiter
        nextWaiter += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
        // The slot was handed over by `freeSlot` without decrementing `inFlight`.
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func freeSlot() {
        guard maxInFlight != nil else { return }
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }
}
