import QuorumCore

/// The numbers a reservation's SQL compares, shared by the SQLite and PostgreSQL stores.
///
/// An absent limit is a ceiling no sum reaches: 2⁶² leaves room to add to it without overflowing
/// PostgreSQL's `bigint`.
struct ReservationNumbers: Sendable {
    static let unlimited: Int64 = 1 << 62

    var cost: Int64
    var tokens: Int64
    var budget: Int64
    var requestsPerMinute: Int64
    var tokensPerMinute: Int64
    /// Whether the key has a per-minute limit (else no rate row is kept).
    var isRateLimited: Bool

    init(_ reservation: KeyReservation, limits: KeyLimits) {
        cost = reservation.cost.nanodollars
        tokens = Int64(reservation.tokens)
        budget = limits.budget?.nanodollars ?? Self.unlimited
        requestsPerMinute = limits.requestsPerMinute.map(Int64.init) ?? Self.unlimited
        tokensPerMinute = limits.tokensPerMinute.map(Int64.init) ?? Self.unlimited
        isRateLimited = limits.requestsPerMinute != nil || limits.tokensPerMinute != nil
    }

    /// Which per-minute limit a refused request hit: requests when this one would be one too many.
    func refusal(requestsThisMinute: Int64, limits: KeyLimits) -> KeyRateLimit {
        if let rpm = limits.requestsPerMinute, requestsThisMinute + 1 > Int64(rpm) { return .requests(rpm) }
        return .tokens(limits.tokensPerMinute ?? 0)
    }
}
