import Foundation
import Yams

/// Changes one number in a YAML config file in place, keeping every other byte (comments, order,
/// flow or block style) as the user wrote it: what `quorum calibrate --write` does to a threshold.
public enum ConfigEditor {
    /// `text` with the number of the key at `path` (`systems[2].gate.confidence.threshold`) set to
    /// `value`, and `comment` on its own line just above, at the line's indentation (an earlier
    /// comment starting with the same first word is replaced, so repeated calibrations do not pile up).
    public static func setting(_ path: String, to value: Double, comment: String, in text: String) throws -> String {
        try replacing(path, matching: "-?[0-9.eE+-]+", what: "NUMBER", with: format(value), comment: comment, in: text)
    }

    /// `text` with the plain word at `path` (`systems[2].gate.confidence.signal`) set to `word`, and
    /// `comment` above it as for a number.
    public static func setting(_ path: String, toWord word: String, comment: String, in text: String) throws -> String {
        try replacing(path, matching: "[A-Za-z_][A-Za-z0-9_.-]*", what: "WORD", with: word, comment: comment, in: text)
    }

    /// The value at `path`, which must match `valuePattern`, replaced by `replacement`.
    private static func replacing(
        _ path: String, matching valuePattern: String, what: String, with replacement: String, comment: String, in text: String
    ) throws -> String {
        guard let root = try Yams.compose(yaml: text) else {
            throw QuorumError(.configuration, "the config is empty; nothing to write \(path) into")
        }
        let key = String(path.split(separator: ".").last ?? "")
        guard let line = ConfigLocations(root: root).exactLine(of: path) else {
            throw QuorumError(.configuration, "the config has no \(path) to write")
        }
        var lines = text.components(separatedBy: "\n")
        let index = line - 1
        guard lines.indices.contains(index) else { throw QuorumError(.internal, "\(path) is past the end of the file") }
        let current = lines[index]
        let pattern = "(\\b\(NSRegularExpression.escapedPattern(for: key))\\s*:\\s*)(\(valuePattern))"
        let expression = try NSRegularExpression(pattern: pattern)
        let matches = expression.matches(in: current, range: NSRange(current.startIndex..., in: current))
        // In a flow mapping several keys share the line; the one after the parent key is ours.
        let parent = path.split(separator: ".").dropLast().last.map { String($0.split(separator: "[").first ?? "") } ?? ""
        let parentOffset = (current.range(of: parent + ":").map { current.distance(from: current.startIndex, to: $0.lowerBound) }) ?? 0
        guard let match = matches.first(where: { $0.range.location >= parentOffset }) ?? matches.first,
            let number = Range(match.range(at: 2), in: current)
        else {
            throw QuorumError(.configuration, "line \(line) does not hold \(key): \(what) as expected; edit it by hand")
        }
        lines[index] = current.replacingCharacters(in: number, with: replacement)
        let indentation = String(current.prefix { $0 == " " })
        let commentLine = indentation + "# " + comment
        let firstWord = comment.split(separator: " ").first.map(String.init) ?? comment
        if index > 0, lines[index - 1].trimmingCharacters(in: .whitespaces).hasPrefix("# " + firstWord) {
            lines[index - 1] = commentLine
        } else {
            lines.insert(commentLine, at: index)
        }
        return lines.joined(separator: "\n")
    }

    /// Shortest text that reads back as the same number to 4 significant decimals.
    static func format(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

extension ConfigLocations {
    /// The line of exactly `path`, not of an ancestor.
    func exactLine(of path: String) -> Int? {
        line(of: path).flatMap { line in keysPresent(path) ? line : nil }
    }

    private func keysPresent(_ path: String) -> Bool {
        guard let cut = path.lastIndex(of: ".") else { return !keys(at: "").isEmpty && keys(at: "").contains(path) }
        return keys(at: String(path[..<cut])).contains(String(path[path.index(after: cut)...]))
    }
}
