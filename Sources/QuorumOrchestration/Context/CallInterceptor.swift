import QuorumCore

/// Hears each call a `RunContext` is about to pay for, with the key it would be journaled under.
///
/// Throwing stops the call there (nothing is admitted, journaled or paid). `quorum run`'s batch
/// mode uses it to walk each system up to its first unpaid calls and collect their exact requests.
public protocol CallInterceptor: Sendable {
    func willCall(key: String, model: String, role: CallRecord.Role, request: ChatRequest) async throws
}
