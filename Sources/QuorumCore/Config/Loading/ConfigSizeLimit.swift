import Foundation
import Yams

/// The most values a config may have once YAML's aliases are expanded.
///
/// An alias repeating aliases (`b: [*a, *a, …]`, "billion laughs") makes a file of a few hundred
/// bytes stand for billions of values, and every pass over the config (environment expansion,
/// decoding, validation) would then walk them all. Real configs have a few thousand values.
/// An alias inside a mapping *key* is refused before composing at all: Yams hashes every key to
/// find duplicates, which walks the whole expansion inside `compose`.
enum ConfigSizeLimit {
    /// What composing `yaml` with every alias replaced by a marker (so that nothing expands) shows.
    enum AliasCheck {
        case fine
        /// A mapping key holds an alias, on this line.
        case aliasInKey(line: Int)
        /// The text does not parse even without its aliases: composing it as is might expand
        /// them before reaching the error, so this error is the one to report.
        case unparsable(any Error)
    }

    static func checkAliases(_ yaml: String) -> AliasCheck {
        guard yaml.contains("*") else { return .fine }
        let marked = yaml.replacingOccurrences(
            of: #"(?<=^|[\s,\[{:?-])\*[A-Za-z0-9_-]+"#, with: marker, options: .regularExpression)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: marked) else { return .fine }
            root = composed
        } catch {
            return .unparsable(error)
        }
        func line(_ node: Node) -> Int? {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if contains(marker: key) { return key.mark?.line ?? 1 }
                    if let found = line(value) { return found }
                }
                return nil
            case .sequence(let sequence):
                return sequence.lazy.compactMap(line).first
            case .scalar, .alias:
                return nil
            }
        }
        return line(root).map { .aliasInKey(line: $0) } ?? .fine
    }

    static let marker = "quorum-alias-marker"

    static func contains(marker node: Node) -> Bool {
        switch node {
        case .scalar(let scalar): scalar.string == marker
        case .mapping(let mapping): mapping.contains { contains(marker: $0.key) || contains(marker: $0.value) }
        case .sequence(let sequence): sequence.contains { contains(marker: $0) }
        case .alias: true
        }
    }

    static let maximumValues = 200_000

    /// Whether `root` has more values than `maximumValues`; stops counting as soon as it does.
    static func isExceeded(by root: Node) -> Bool {
        var count = 0
        func visit(_ node: Node) {
            guard count <= maximumValues else { return }
            count += 1
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    visit(key)
                    visit(value)
                }
            case .sequence(let sequence):
                for element in sequence { visit(element) }
            case .scalar, .alias:
                break
            }
        }
        visit(root)
        return count > maximumValues
    }
}
