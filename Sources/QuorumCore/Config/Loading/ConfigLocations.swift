import Yams

/// Line numbers of every key and list element in a config file, by `models[2].price` path.
public struct ConfigLocations: Sendable {
    private var lines: [String: Int] = [:]
    /// Keys present at each mapping path, so type-specific checks can see what the user wrote.
    private var keys: [String: [String]] = [:]

    init(root: Node) {
        record(root, path: "")
    }

    public init() {}

    private mutating func record(_ node: Node, path: String) {
        if let line = node.mark?.line, lines[path] == nil { lines[path] = line }
        if let mapping = node.mapping {
            keys[path] = mapping.keys.compactMap(\.string)
            for pair in mapping {
                guard let key = pair.key.string else { continue }
                let child = ConfigPath.child(path, key: key)
                if let line = pair.key.mark?.line { lines[child] = line }
                record(pair.value, path: child)
            }
        } else if let sequence = node.sequence {
            for (index, element) in sequence.enumerated() {
                record(element, path: ConfigPath.element(path, index: index))
            }
        }
    }

    /// The line of `path`, or of its nearest written ancestor when the key itself is absent.
    public func line(of path: String) -> Int? {
        var current = path
        while true {
            if let line = lines[current] { return line }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            current = String(current[..<cut])
        }
    }

    /// The keys written in the mapping at `path`.
    public func keys(at path: String) -> [String] { keys[path] ?? [] }
}
