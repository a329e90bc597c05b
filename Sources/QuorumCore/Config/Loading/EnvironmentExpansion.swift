import Foundation
import Yams

/// Expands `${VAR}` and `${VAR:-default}` in every scalar of a YAML tree.
///
/// Values come from the process environment, then from a `.env` file beside the config (the
/// environment wins, as with docker compose). Variables that are unset and have no default expand
/// to nothing and are reported, so a missing key shows up in `quorum validate` instead of as a
/// 401 at the first call.
struct EnvironmentExpansion {
    var variables: [String: String]
    private(set) var unset: [(name: String, line: Int?)] = []

    init(variables: [String: String]) {
        self.variables = variables
    }

    /// The process environment over the `.env` file in `directory`, if there is one.
    static func variables(environment: [String: String], dotEnvDirectory directory: URL?) -> [String: String] {
        var result: [String: String] = [:]
        if let directory, let text = try? String(contentsOf: directory.appendingPathComponent(".env"), encoding: .utf8) {
            result = parseDotEnv(text)
        }
        return result.merging(environment, uniquingKeysWith: { _, process in process })
    }

    /// `KEY=value` lines; `#` comments, `export ` prefixes and matching quotes are accepted.
    static func parseDotEnv(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            result[key] = value
        }
        return result
    }

    mutating func expand(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            let expanded = expand(scalar.string, line: scalar.mark?.line)
            if expanded != scalar.string { scalar.string = expanded }
            return .scalar(scalar)
        case .mapping(let mapping):
            let pairs = mapping.map { pair in (pair.key, expand(pair.value)) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            let nodes = sequence.map { expand($0) }
            return .sequence(Node.Sequence(nodes, sequence.tag, sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }

    mutating func expand(_ text: String, line: Int?) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let body = String(rest[start.upperBound..<end])
            let (name, fallback) = Self.split(body)
            if let value = variables[name], !value.isEmpty {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                unset.append((name, line))
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    /// `NAME:-default` → (`NAME`, `default`); `NAME` → (`NAME`, nil).
    private static func split(_ body: String) -> (String, String?) {
        guard let marker = body.range(of: ":-") else { return (body, nil) }
        return (String(body[..<marker.lowerBound]), String(body[marker.upperBound...]))
    }
}
