import QuorumCore

/// Removes secrets from any text that may reach a user, a log, a trace or a stored file.
///
/// Every error and log line the provider layer builds goes through `redact(_:)`: the configured
/// API keys are replaced wherever they occur (vendors echo keys in their error bodies), and so is
/// anything that looks like a credential after `Bearer`, `api-key:`, `x-api-key:`, `x-goog-api-key:`
/// or `key=`, so a key Quorum was never told about does not leak either.
public struct Redactor: Sendable, Hashable {
    /// What a secret is replaced with.
    public static let placeholder = "<redacted>"

    private let secrets: [String]

    /// A redactor for `secrets` (empty strings and very short values are ignored: they would
    /// blank out ordinary words).
    public init(secrets: [String] = []) {
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// This redactor plus `other`'s secrets.
    public func adding(_ more: [String]) -> Redactor { Redactor(secrets: secrets + more) }

    /// `text` with every known secret and every credential-looking value replaced.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        return Self.redactCredentialMarkers(in: result)
    }

    /// `error` with its message and context redacted.
    public func redact(_ error: QuorumError) -> QuorumError {
        var copy = error
        copy.message = redact(error.message)
        copy.context = error.context.mapValues { redact($0) }
        return copy
    }

    private static let markers: [[UInt8]] = ["bearer ", "api-key: ", "api-key:", "key=", "authorization: "]
        .map { Array($0.utf8) }

    /// Replaces the token that follows any credential marker (ASCII case-insensitive), in one pass.
    private static func redactCredentialMarkers(in text: String) -> String {
        let bytes = Array(text.utf8)
        let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = false
        var index = 0
        while index < bytes.count {
            guard let marker = markers.first(where: { lower[index...].starts(with: $0) }) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            output.append(contentsOf: bytes[index..<index + marker.count])
            var end = index + marker.count
            while end < bytes.count, !endsToken(bytes[end]) { end += 1 }
            if end > index + marker.count {
                output.append(contentsOf: placeholder.utf8)
                changed = true
            }
            index = end
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    private static func endsToken(_ byte: UInt8) -> Bool {
        // space, tab, newline, quote, apostrophe, ampersand, comma, closing brace
        [0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x26, 0x2C, 0x7D].contains(byte)
    }
}
