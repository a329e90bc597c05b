import Yams

/// One step of a `models[2].price` path.
enum NodePath: Equatable {
    case key(String)
    case index(Int)

    /// `.price.input` or `[2].model` → steps; keys never contain `.` or `[` in Quorum's schema.
    static func components(of path: Substring) -> [NodePath] {
        var result: [NodePath] = []
        var rest = path
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                result.append(.key(String(rest[..<end])))
                rest = rest[end...]
            } else if first == "[", let close = rest.firstIndex(of: "]") {
                result.append(.index(Int(rest[rest.index(after: rest.startIndex)..<close]) ?? -1))
                rest = rest[rest.index(after: close)...]
            } else {
                return result
            }
        }
        return result
    }
}

extension Node {
    /// This node without the value at `path`; `nil` when the path does not lead anywhere.
    func removing(_ path: [NodePath]) -> Node? {
        guard let step = path.first else { return nil }
        let rest = Array(path.dropFirst())
        switch (self, step) {
        case (.mapping(let mapping), .key(let key)):
            var pairs: [(Node, Node)] = []
            var found = false
            for pair in mapping {
                guard pair.key.string == key else { pairs.append((pair.key, pair.value)); continue }
                found = true
                if !rest.isEmpty, let inner = pair.value.removing(rest) { pairs.append((pair.key, inner)) }
            }
            return found ? .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark)) : nil
        case (.sequence(let sequence), .index(let index)) where sequence.indices.contains(index):
            var nodes = Array(sequence)
            guard !rest.isEmpty, let inner = nodes[index].removing(rest) else { return nil }
            nodes[index] = inner
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        default:
            return nil
        }
    }
}
