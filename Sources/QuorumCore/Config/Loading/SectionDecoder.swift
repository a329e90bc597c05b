import Yams

/// Decodes the top-level sections one list element at a time, so one bad model does not hide
/// the problems of the next, and turns unknown keys into issues with a did-you-mean.
struct SectionDecoder {
    let file: String
    let locations: ConfigLocations
    private(set) var issues: [ConfigIssue] = []
    private let session = NodeDecodingSession()
    private var failedPaths: [String] = []

    init(file: String, locations: ConfigLocations) {
        self.file = file
        self.locations = locations
    }

    static let sections = QuorumConfig.CodingKeys.allCases.map(\.rawValue)

    mutating func decode(_ root: Node) -> QuorumConfig {
        var config = QuorumConfig()
        let mapping = root.mapping ?? [:]
        for pair in mapping {
            let key = pair.key.string ?? ""
            if !Self.sections.contains(key) {
                issue(line: pair.key.mark?.line, path: key, "unknown section" + DidYouMean.hint(for: key, among: Self.sections))
            }
        }
        config.models = list(mapping["models"], path: "models")
        config.judges = list(mapping["judges"], path: "judges")
        config.systems = list(mapping["systems"], path: "systems")
        config.dataset = value(mapping["dataset"], path: "dataset")
        config.experiment = value(mapping["experiment"], path: "experiment")
        config.server = value(mapping["server"], path: "server")
        config.tasks = list(mapping["tasks"], path: "tasks")
        config.coeval = value(mapping["coeval"], path: "coeval")
        config.prompts = list(mapping["prompts"], path: "prompts")
        config.scenarios = value(mapping["scenarios"], path: "scenarios")
        config.rubrics = list(mapping["rubrics"], path: "rubrics")
        reportUnknownKeys()
        return config
    }

    private mutating func list<T: Decodable>(_ node: Node?, path: String) -> [T] {
        guard let node, node.null == nil else { return [] }
        guard let sequence = node.sequence else {
            issue(line: node.mark?.line, path: path, "expected a list (lines starting with '- ')")
            return []
        }
        var result: [T] = []
        for (index, element) in sequence.enumerated() {
            if let decoded: T = value(element, path: ConfigPath.element(path, index: index)) {
                result.append(decoded)
            }
        }
        return result
    }

    /// Decodes one value; after a failure inside it, drops the offending key and tries again so
    /// that every wrong field of an entry is reported, not only the first.
    private mutating func value<T: Decodable>(_ node: Node?, path: String) -> T? {
        guard var node, node.null == nil else { return nil }
        var failed = false
        for _ in 0..<32 {
            let failure: (path: String, line: Int?, message: String)
            do {
                let decoded = try T(from: NodeDecoder(node: node, path: path, session: session))
                return failed ? nil : decoded
            } catch let error as ConfigDecodingFailure {
                failure = (error.path, error.line ?? locations.line(of: error.path), error.message)
            } catch let error as DecodingError {
                let (place, message) = Self.describe(error, base: path)
                failure = (place, locations.line(of: place), message)
            } catch {
                failure = (path, locations.line(of: path), "\(error)")
            }
            if !failed { failedPaths.append(path) }
            failed = true
            issue(line: failure.line, path: failure.path, failure.message)
            guard failure.path != path, failure.path.hasPrefix(path),
                let pruned = node.removing(NodePath.components(of: failure.path.dropFirst(path.count)))
            else { return nil }
            node = pruned
        }
        return nil
    }

    private mutating func reportUnknownKeys() {
        for unknown in session.unknownKeys() {
            let keyPath = ConfigPath.child(unknown.path, key: unknown.key)
            // A failed element never asked for its later keys; they are not unknown.
            if failedPaths.contains(where: { keyPath.hasPrefix($0) }) { continue }
            issue(line: unknown.mark?.line, path: keyPath, "unknown key" + DidYouMean.hint(for: unknown.key, among: unknown.known))
        }
    }

    private mutating func issue(line: Int?, path: String, _ message: String) {
        issues.append(ConfigIssue(file: file, line: line, path: path, message: message))
    }

    static func describe(_ error: DecodingError, base: String) -> (String, String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce(base) { result, key in
                key.intValue.map { ConfigPath.element(result, index: $0) } ?? ConfigPath.child(result, key: key.stringValue)
            }
        }
        switch error {
        case .dataCorrupted(let context): return (path(context.codingPath), context.debugDescription)
        case .typeMismatch(_, let context): return (path(context.codingPath), context.debugDescription)
        case .valueNotFound(_, let context): return (path(context.codingPath), context.debugDescription)
        case .keyNotFound(let key, let context): return (path(context.codingPath), "missing required key '\(key.stringValue)'")
        @unknown default: return (base, "\(error)")
        }
    }
}
