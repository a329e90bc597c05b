/// What a `systems:` entry's `type:` names.
public enum SystemKind: String, Sendable, Hashable, CaseIterable {
    case single, cascade, debate, moa
    case bestOfN = "best-of-n"
    case selfConsistency = "self-consistency"
    case router
}

extension SystemConfig {
    /// `type` as a kind; `nil` for a word the validator rejects.
    public var kind: SystemKind? { SystemKind(rawValue: type) }
}
