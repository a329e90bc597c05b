import Foundation
import QuorumCore

/// The configuration as stored with a run: JSON, with every secret replaced by `<redacted>`.
package enum ConfigSnapshot {
    package static func json(of config: QuorumConfig) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(config.redacted()) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
