import Yams

/// Bookkeeping shared by every container of one decode: which keys each mapping was asked for
/// (so the keys nobody asked for are unknown), and where the first failure happened.
///
/// A decode runs synchronously on one thread, so this class is never shared across tasks.
final class NodeDecodingSession {
    struct MappingUse {
        var path: String
        var node: Node
        var presentKeys: [(key: String, mark: Mark?)]
        var askedKeys: Set<String> = []
        var tookAllKeys = false
    }

    private(set) var mappings: [MappingUse] = []

    func register(path: String, node: Node) -> Int {
        let keys = (node.mapping ?? [:]).map { pair in (key: pair.key.string ?? "", mark: pair.key.mark) }
        mappings.append(MappingUse(path: path, node: node, presentKeys: keys))
        return mappings.count - 1
    }

    func asked(_ key: String, in index: Int) {
        mappings[index].askedKeys.insert(key)
    }

    func tookAllKeys(in index: Int) {
        mappings[index].tookAllKeys = true
    }

    /// Keys present in a mapping that its type never asked for, with the keys it did ask for.
    func unknownKeys() -> [(path: String, key: String, mark: Mark?, known: [String])] {
        var result: [(String, String, Mark?, [String])] = []
        for use in mappings where !use.tookAllKeys {
            for present in use.presentKeys where !use.askedKeys.contains(present.key) {
                result.append((use.path, present.key, present.mark, use.askedKeys.sorted()))
            }
        }
        return result
    }
}

/// A decoding failure with the place it happened; thrown instead of `DecodingError` so the
/// location survives however many containers it passes through.
struct ConfigDecodingFailure: Error {
    var path: String
    var line: Int?
    var message: String
}

/// `models[2].price` style paths, the form every config message uses.
enum ConfigPath {
    static func child(_ parent: String, key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    static func element(_ parent: String, index: Int) -> String {
        "\(parent)[\(index)]"
    }
}
