import Crypto
import Foundation

/// Checks `Authorization: Bearer KEY` against SHA-256 digests of the accepted keys.
///
/// Keys are hashed at start-up and never kept in clear; comparison is constant-time over the
/// digests so timing reveals nothing about how much of a guess was right.
struct APIKeyVerifier: Sendable {
    private let digests: [[UInt8]]

    /// `keys` in clear (from the config) and `hexDigests` (from a keys file, one SHA-256 hex per line).
    init(keys: [String], hexDigests: [String]) throws {
        var digests = keys.filter { !$0.isEmpty }.map { Array(SHA256.hash(data: Data($0.utf8))) }
        for (index, line) in hexDigests.enumerated() {
            let hex = line.trimmingCharacters(in: .whitespaces).lowercased()
            guard !hex.isEmpty, !hex.hasPrefix("#") else { continue }
            guard let bytes = Self.bytes(hex: hex), bytes.count == 32 else {
                throw GatewayStartError("api keys file line \(index + 1): expected a 64-character SHA-256 hex digest")
            }
            digests.append(bytes)
        }
        self.digests = digests
    }

    var isEmpty: Bool { digests.isEmpty }

    /// Whether `key` is one of the accepted keys.
    func accepts(_ key: String) -> Bool {
        let candidate = Array(SHA256.hash(data: Data(key.utf8)))
        var found = false
        for digest in digests {
            // Compare every byte of every digest: no early exit, whatever matches.
            var difference: UInt8 = 0
            for index in 0..<32 { difference |= digest[index] ^ candidate[index] }
            found = found || difference == 0
        }
        return found
    }

    private static func bytes(hex: String) -> [UInt8]? {
        guard hex.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}

/// A reason the gateway cannot start (bad keys file, port in use, …).
public struct GatewayStartError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
