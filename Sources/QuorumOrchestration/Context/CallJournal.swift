import QuorumCore

/// Where finished calls are remembered so a resumed run replays them instead of paying again.
///
/// The store implements it; `RunContext` consults it before every call and records after.
public protocol CallJournal: Sendable {
    /// The stored call for `key` within the current (run, system, item) scope, if any.
    func replay(_ key: String) async throws -> CallRecord?
    /// Remembers a finished, successful call.
    func record(_ call: CallRecord) async throws
}
