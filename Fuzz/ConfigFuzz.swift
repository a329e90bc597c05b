import Foundation
import QuorumCore

/// The YAML config loader and validator on any text: issues, never a trap.
enum ConfigFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let loaded = ConfigLoader(environment: ["HOME": "/nonexistent", "KEY": "value"])
            .load(yaml: text, file: "fuzz.yaml", directory: nil)
        for issue in loaded.issues { _ = issue.description }
    }
}
