import Foundation
import QuorumCore

/// Money and tokens held for one request against its key until the request ends and is settled.
///
/// It names the budget window and rate minute it was taken in, so a request that runs across
/// midnight is settled where it was reserved.
public struct KeyReservation: Sendable, Hashable {
    public var key: String
    /// The budget window (`BudgetPeriod.window(containing:)`).
    public var window: String
    /// The rate window: minutes since 1970, UTC.
    public var minute: Int64
    /// The estimated cost held against the budget.
    public var cost: USD
    /// The estimated tokens counted against the key's tokens per minute.
    public var tokens: Int

    public init(key: String, window: String, minute: Int64, cost: USD, tokens: Int) {
        self.key = key
        self.window = window
        self.minute = minute
        self.cost = cost
        self.tokens = tokens
    }

    /// The reservation of `cost` and `tokens` for `key` at `now`.
    public init(key: VirtualKey, cost: USD, tokens: Int, at now: Date) {
        self.init(
            key: key.name, window: key.limits.period.window(containing: now),
            minute: Int64((now.timeIntervalSince1970 / 60).rounded(.down)), cost: cost, tokens: tokens)
    }
}

/// Whether a request may go ahead, decided in one transaction with the reservation it made.
public enum KeyAdmission: Sendable, Hashable {
    /// Admitted; settle or release the reservation when the request ends.
    case admitted(KeyReservation)
    /// The budget's window cannot hold the estimate on top of what is spent and reserved.
    case overBudget(KeySpending)
    /// This minute already had the key's requests (or would exceed its tokens).
    case overRate(KeyRateLimit)
}

/// Which per-minute limit refused a request.
public enum KeyRateLimit: Sendable, Hashable {
    case requests(Int)
    case tokens(Int)
}

/// A key's money in one budget window.
public struct KeySpending: Sendable, Hashable, Codable {
    /// Settled: what finished requests cost.
    public var spent: USD
    /// Held by requests still in flight.
    public var reserved: USD
    /// Requests admitted in the window.
    public var requests: Int

    public init(spent: USD = .zero, reserved: USD = .zero, requests: Int = 0) {
        self.spent = spent
        self.reserved = reserved
        self.requests = requests
    }
}
