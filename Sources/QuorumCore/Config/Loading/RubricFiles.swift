import Foundation
import Yams

/// `rubrics: [{file: rubrics/tip-v1.yaml}]`: a rubric kept in its own file, shared by several
/// configs. Each such entry is replaced by the file's YAML before decoding, so the rubric decodes and
/// validates like an inline one; its nodes keep their marks, so problems carry the rubric file's
/// lines, and `attribute` gives them its name. The loaded rubric is what a run's snapshot stores.
struct RubricFiles {
    /// Index in `rubrics:` → the file it came from, as written.
    private(set) var sources: [Int: String] = [:]
    private(set) var issues: [ConfigIssue] = []

    mutating func include(_ root: Node, file: String, directory: URL?) -> Node {
        guard case .mapping(let mapping) = root, let list = mapping["rubrics"], case .sequence(let sequence) = list else { return root }
        var nodes = Array(sequence)
        for (index, node) in nodes.enumerated() {
            guard case .mapping(let entry) = node, entry.count == 1, let path = entry["file"]?.string else { continue }
            let url = path.hasPrefix("/") || directory == nil ? URL(fileURLWithPath: path) : directory!.appendingPathComponent(path)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                issues.append(ConfigIssue(file: file, line: entry["file"]?.mark?.line, path: "rubrics[\(index)].file",
                                          message: "no rubric file at \(url.standardizedFileURL.path)"))
                continue
            }
            do {
                guard let loaded = try Yams.compose(yaml: text), loaded.mapping != nil else {
                    issues.append(ConfigIssue(file: path, line: nil, path: "", message: "a rubric file is a mapping (id:, criteria:, …)"))
                    continue
                }
                nodes[index] = loaded
                sources[index] = path
            } catch {
                issues.append(ConfigIssue(file: path, line: nil, path: "", message: "invalid YAML: \(error)"))
            }
        }
        let pairs = mapping.map { pair in
            (pair.key, pair.key.string == "rubrics" ? Node.sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark)) : pair.value)
        }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// Problems found inside an included rubric, named by its file instead of the config's.
    func attribute(_ issue: ConfigIssue) -> ConfigIssue {
        for (index, source) in sources {
            let prefix = "rubrics[\(index)]"
            guard issue.path == prefix || issue.path.hasPrefix(prefix + ".") else { continue }
            var moved = issue
            moved.file = source
            return moved
        }
        return issue
    }
}
