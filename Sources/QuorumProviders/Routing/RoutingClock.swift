/// Where routing reads the time: cooldowns start and end by it. Tests pass a clock they move by
/// hand, so a cooldown ends without anyone sleeping.
public struct RoutingClock: Sendable {
    public var now: @Sendable () -> ContinuousClock.Instant

    public init(now: @escaping @Sendable () -> ContinuousClock.Instant) { self.now = now }

    /// The process's continuous clock.
    public static let continuous = RoutingClock { ContinuousClock.now }
}
