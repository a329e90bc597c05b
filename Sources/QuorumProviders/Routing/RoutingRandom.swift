import Synchronization

/// The random numbers `simple-shuffle` draws from: SplitMix64, seeded, so a test (or a replay)
/// sees the same order of deployments every time.
///
/// A `final class` holding only a `Mutex`, hence `Sendable`; one draw per routed call.
public final class RoutingRandom: Sendable {
    private let state: Mutex<UInt64>

    /// A generator started at `seed`, or at a random point when `nil`.
    public init(seed: UInt64? = nil) { state = Mutex(seed ?? UInt64.random(in: .min ... .max)) }

    /// A uniform number in `0 ..< 1`.
    func unit() -> Double {
        let bits = state.withLock { value -> UInt64 in
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) / Double(1 << 53)
    }
}
