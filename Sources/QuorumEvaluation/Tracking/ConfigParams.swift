import Foundation
import QuorumCore

/// A run's stored configuration snapshot as flat MLflow params: `models.small.provider = local`.
///
/// The snapshot is already redacted (`ConfigSnapshot`), and any value still equal to the
/// `<redacted>` placeholder stays that way. Lists of named objects (models, systems, judges) are
/// keyed by their `name`; other lists of scalars become one comma-separated value.
enum ConfigParams {
    /// Flat `key = value` pairs of a JSON snapshot, sorted by key; empty when it is not JSON.
    static func flatten(snapshot: String) -> [MLflowKeyValue] {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(snapshot.utf8)) else { return [] }
        var pairs: [MLflowKeyValue] = []
        flatten(value, prefix: "", into: &pairs)
        return pairs.sorted { $0.key < $1.key }
    }

    /// The `systems:` entry called `system`, flattened without its prefix (`kind`, `levels.0.model`, …).
    static func system(_ system: String, snapshot: String) -> [MLflowKeyValue] {
        let prefix = "systems.\(system)."
        return flatten(snapshot: snapshot).filter { $0.key.hasPrefix(prefix) }.map {
            MLflowKeyValue("system." + $0.key.dropFirst(prefix.count), $0.value)
        }
    }

    static func flatten(_ value: JSONValue, prefix: String, into pairs: inout [MLflowKeyValue]) {
        func join(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
        switch value {
        case .null:
            return
        case .object(let fields):
            for (key, field) in fields { flatten(field, prefix: join(key), into: &pairs) }
        case .array(let values):
            if values.allSatisfy(isScalar) {
                pairs.append(MLflowKeyValue(prefix, values.compactMap(scalarText).joined(separator: ",")))
                return
            }
            let names = values.map { $0["name"]?.stringValue }
            let unique = names.allSatisfy { $0 != nil } && Set(names).count == names.count
            for (index, element) in values.enumerated() {
                flatten(element, prefix: join(unique ? names[index]! : String(index)), into: &pairs)
            }
        default:
            if let text = scalarText(value), !prefix.isEmpty { pairs.append(MLflowKeyValue(prefix, text)) }
        }
    }

    static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        default: true
        }
    }

    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .bool(let flag): String(flag)
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): text
        default: nil
        }
    }
}
