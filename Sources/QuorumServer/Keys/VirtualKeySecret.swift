import Crypto
import Foundation

/// Making and hashing virtual keys: `sk-quorum-` and 32 random bytes (base64url, 43 characters).
///
/// Only the SHA-256 is stored; the key is shown once, when made. The bytes come from
/// `SystemRandomNumberGenerator`, which reads the operating system's CSPRNG (`getrandom`, `arc4random`).
public enum VirtualKeySecret {
    public static let prefix = "sk-quorum-"

    /// A new key, never seen before.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + text
    }

    /// The lowercase hex SHA-256 of `key`, as the store keeps it.
    public static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `text` looks like a virtual key (and so is worth a store lookup).
    static func isVirtualKey(_ text: String) -> Bool {
        text.hasPrefix(prefix) && text.utf8.count == prefix.utf8.count + 43
    }
}
