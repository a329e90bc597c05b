import Yams

/// The most values a config may have once YAML's aliases are expanded.
///
/// An alias repeating aliases (`b: [*a, *a, …]`, "billion laughs") makes a file of a few hundred
/// bytes stand for billions of values, and every pass over the config (environment expansion,
/// decoding, validation) would then walk them all. Real configs have a few thousand values.
enum ConfigSizeLimit {
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
