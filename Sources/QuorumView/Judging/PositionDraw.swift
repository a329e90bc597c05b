/// Which of two answers a person sees first in a blind A/B judgment: a coin flip per (run, judge,
/// item, pair), drawn from a hash so it needs no storage. Reloading shows the same order, the
/// server knows what a posted "1 is better" meant, and across items each system is first about
/// half the time, so neither position is favoured.
enum PositionDraw {
    static func systemFirst(run: String, judge: String, item: String, system: String, baseline: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in [run, judge, item, system, baseline].joined(separator: "\u{1F}").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        // SplitMix64's finalizer, so every input bit moves the bit that decides.
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        hash ^= hash >> 31
        return hash & 1 == 0
    }
}
