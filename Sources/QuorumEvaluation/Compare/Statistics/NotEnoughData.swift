/// Why a statistic has no value: one sentence the comparison table, `--json` and the HTML report
/// show in its place ("no readable verdicts", "every grade is the same", …).
///
/// Estimators return `Result<Value, NotEnoughData>` rather than a bare optional or a NaN, so that
/// degenerate data — no games, one game, all wins, a constant column, non-finite costs — reaches
/// the reader as a reason instead of a blank, a NaN or a trap.
public struct NotEnoughData: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

extension Result where Failure == NotEnoughData {
    /// The reason there is no value, when there is none.
    public var reason: String? {
        if case .failure(let missing) = self { return missing.reason }
        return nil
    }

    /// The value, when there is one.
    public var value: Success? { try? get() }
}

extension Array where Element == Double {
    /// Only the finite values: NaN and infinities carry no information a statistic can use.
    var finite: [Double] { filter(\.isFinite) }
}
