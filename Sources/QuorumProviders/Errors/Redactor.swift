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

    /// Words after which a credential follows: `Bearer sk-…`, `api-key: …`, `"x-api-key": "…"`, `key=…`.
    private static let markers: [(word: [UInt8], needsAssignment: Bool)] = [
        ("bearer", false), ("basic", false), ("api-key", true), ("api_key", true), ("apikey", true), ("key", true),
        ("authorization", true), ("token", true),
    ].map { (Array($0.0.utf8), $0.1) }

    /// Replaces the token that follows any credential marker (ASCII case-insensitive), in one pass.
    private static func redactCredentialMarkers(in text: String) -> String {
        let bytes = Array(text.utf8)
        let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = false
        var index = 0
        while index < bytes.count {
            guard let tokenStart = credentialStart(in: lower, at: index) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            output.append(contentsOf: bytes[index..<tokenStart])
            var end = tokenStart
            while end < bytes.count, !endsToken(bytes[end]) { end += 1 }
            output.append(contentsOf: placeholder.utf8)
            changed = true
            index = end
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// Where the secret starts if a marker begins at `index` (and is followed by a separator and a value).
    private static func credentialStart(in lower: [UInt8], at index: Int) -> Int? {
        if index > 0, isWordByte(lower[index - 1]) { return nil }
        for marker in markers where lower[index...].starts(with: marker.word) {
            var position = index + marker.word.count
            var assigned = false
            var separated = false
            while position < lower.count, [0x20, 0x22, 0x27, 0x3A, 0x3D].contains(lower[position]) {
                if lower[position] == 0x3A || lower[position] == 0x3D { assigned = true }
                separated = true
                position += 1
            }
            guard separated, !marker.needsAssignment || assigned, position < lower.count, !endsToken(lower[position])
            else { continue }
            // "Authorization: Bearer x": the secret is after the scheme word.
            if let inner = credentialStart(in: lower, at: position), marker.word != Array("bearer".utf8) { return inner }
            return position
        }
        return nil
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    private static func endsToken(_ byte: UInt8) -> Bool {
        // space, tab, newline, quote, apostrophe, ampersand, comma, closing brace
        [0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x26, 0x2C, 0x7D].contains(byte)
    }
}
