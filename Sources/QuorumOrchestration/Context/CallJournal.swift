import QuorumCore

/// Where finished calls are remembered so a resumed run replays them instead of paying again.
///
/// The store implements it; `RunContext` consults it before every call and records after.
public protocol CallJournal: Sendable {
    /// The stored call for `key` within the current (run, system, item) scope, if any.
    func replay(_ key: String) async throws -> CallRecord?
    /// Notes that the call `key` to `model` is about to be paid for (a shared store shows calls in
    /// flight with it, and which ones a dead worker may have paid for without recording).
    func begin(_ key: String, model: String) async throws
    /// Remembers a finished, successful call.
    func record(_ call: CallRecord) async throws
}

extension CallJournal {
    /// Most journals only remember what finished.
    public func begin(_ key: String, model: String) async throws {}
}
