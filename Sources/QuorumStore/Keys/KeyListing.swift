import Foundation
import QuorumCore

/// A key as `quorum keys list` shows it: its limits and its money in the current budget window.
public struct KeyListing: Sendable, Hashable, Codable {
    public var key: VirtualKey
    /// The window `spending` is of (`2026-12`, `2026-12-07`, `total`).
    public var window: String
    public var spending: KeySpending
}

extension VirtualKeyStore {
    /// Every key with its spending in the window `now` falls in.
    public func listing(at now: Date) async throws -> [KeyListing] {
        var listings: [KeyListing] = []
        for key in try await keys() {
            let window = key.limits.period.window(containing: now)
            listings.append(KeyListing(key: key, window: window, spending: try await spending(ofKey: key.name, window: window)))
        }
        return listings
    }
}
