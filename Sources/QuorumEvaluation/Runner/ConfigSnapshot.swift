import Foundation
import QuorumCore
import QuorumStore

/// The configuration as stored with a run: JSON, with every secret replaced by `<redacted>`.
package enum ConfigSnapshot {
    package static func json(of config: QuorumConfig) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(config.redacted()) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension RunRecord {
    /// The configuration the run was started with (secrets redacted); `nil` for a snapshot that does not decode.
    public var snapshotConfig: QuorumConfig? {
        try? JSONDecoder().decode(QuorumConfig.self, from: Data(configSnapshot.utf8))
    }
}
