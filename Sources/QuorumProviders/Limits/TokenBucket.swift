import QuorumCore

/// A token bucket: `capacity` tokens, refilled continuously at `capacity` per `period`.
///
/// A plain value; `ModelLimiter` owns the buckets and serialises access.
struct TokenBucket: Sendable {
    let capacity: Double
    /// Tokens added per second.
    let rate: Double
    private(set) var available: Double
    private var updated: ContinuousClock.Instant

    init(capacity: Int, per period: Duration = .seconds(60), now: ContinuousClock.Instant = .now) {
        self.capacity = Double(max(1, capacity))
        self.rate = self.capacity / period.seconds
        self.available = self.capacity
        self.updated = now
    }

    private mutating func refill(_ now: ContinuousClock.Instant) {
        available = min(capacity, available + (now - updated).seconds * rate)
        updated = now
    }

    /// Takes `amount` tokens if they are there; otherwise returns how long until they will be.
    /// A request larger than the whole bucket waits for a full bucket, so it can never starve.
    mutating func take(_ amount: Double, now: ContinuousClock.Instant = .now) -> Duration? {
        refill(now)
        let needed = min(amount, capacity)
        if available >= needed {
            available -= amount
            return nil
        }
        return .seconds((needed - available) / rate)
    }

    /// Gives back (positive) or charges more (negative) once the real amount is known.
    mutating func adjust(by amount: Double, now: ContinuousClock.Instant = .now) {
        refill(now)
        available = min(capacity, available + amount)
    }
}
