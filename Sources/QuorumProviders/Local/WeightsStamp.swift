import Foundation

/// Remembers that a weights file was verified, so a repeated install does not hash a gigabyte again.
///
/// The stamp (`<weights>.verified`) holds the SHA-256 that was checked plus the size and modification
/// time seen then; if either changed since, the file is hashed again.
enum WeightsStamp {
    static func file(for weights: URL) -> URL { weights.appendingPathExtension("verified") }

    /// Whether `weights` exists and matches `model`'s size and SHA-256 (hashing it when the stamp is stale).
    static func isVerified(_ weights: URL, for model: LocalModel) throws -> Bool {
        guard let current = fingerprint(of: weights) else { return false }
        let expected = "\(model.sha256) \(current)"
        if let stamp = try? String(contentsOf: file(for: weights), encoding: .utf8),
            stamp.trimmingCharacters(in: .whitespacesAndNewlines) == expected
        {
            return true
        }
        guard (try? FileDigest(of: weights).verify(against: model.expectedDigest, file: weights)) != nil else {
            return false
        }
        try write(for: weights, sha256: model.sha256)
        return true
    }

    /// Records that `weights` was just verified to have `sha256`.
    static func write(for weights: URL, sha256: String) throws {
        guard let current = fingerprint(of: weights) else { return }
        try "\(sha256) \(current)\n".write(to: file(for: weights), atomically: true, encoding: .utf8)
    }

    /// `size mtime` of a file, or `nil` when it does not exist.
    private static func fingerprint(of file: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
            let size = attributes[.size] as? NSNumber,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        return "\(size.int64Value) \(modified.timeIntervalSince1970)"
    }
}
