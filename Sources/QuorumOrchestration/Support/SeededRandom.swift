/// A small, fast, reproducible random generator (SplitMix64).
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded and `Hasher` is randomized per process,
/// so anything that must repeat across runs (MoA dropout, simulated models) uses this instead.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator whose stream depends only on the given parts (e.g. seed, item id, layer).
    public init(_ parts: String...) { state = SeededRandom.fingerprint(parts.joined(separator: "\u{1F}")) }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `0..<1`.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }

    /// FNV-1a over the UTF-8 bytes: stable across processes and platforms.
    public static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
