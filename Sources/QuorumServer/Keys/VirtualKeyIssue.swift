import Foundation
import QuorumCore
import QuorumStore

extension VirtualKeySecret {
    /// Makes a key named `name` with `limits`, stores its hash in `store`, and returns the key in
    /// clear: the only time it exists outside the client that will hold it.
    /// - Throws: `QuorumError(.configuration)` for a bad name or a name taken.
    public static func issue(
        named name: String, limits: KeyLimits, in store: any VirtualKeyStore, at now: Date = Date()
    ) async throws -> (secret: String, key: VirtualKey) {
        guard isValidName(name) else {
            throw QuorumError(.configuration, "key name '\(name)': use 1–64 letters, digits, '.', '_' or '-'")
        }
        let secret = generate()
        let key = VirtualKey(name: name, hash: hash(secret), limits: limits, createdAt: now)
        try await store.createKey(key)
        return (secret, key)
    }

    /// Names appear in metrics labels, messages and logs, so they are kept plain.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}
