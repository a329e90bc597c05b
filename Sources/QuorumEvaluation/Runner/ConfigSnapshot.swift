import Foundation
import QuorumCore

/// The configuration as stored with a run: JSON, with every secret replaced by `<redacted>`.
enum ConfigSnapshot {
    static let redacted = "<redacted>"

    static func json(of config: QuorumConfig) -> String {
        var copy = config
        copy.models = copy.models.map { model in
            var model = model
            if model.apiKey != nil { model.apiKey = redacted }
            // Header values often carry credentials (Authorization, x-api-key): keep only the names.
            model.headers = model.headers?.mapValues { _ in redacted }
            return model
        }
        if let keys = copy.server?.apiKeys { copy.server?.apiKeys = keys.map { _ in redacted } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(copy) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
