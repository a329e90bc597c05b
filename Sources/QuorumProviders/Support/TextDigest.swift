import Crypto
import Foundation

/// SHA-256 of a text, for recognising later whether it changed (a judged candidate answer).
package enum TextDigest {
    /// Lowercase hex SHA-256 of `text`'s UTF-8 bytes.
    package static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
