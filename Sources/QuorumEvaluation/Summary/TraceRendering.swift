import Foundation
import QuorumCore
import QuorumOrchestration

/// The trace tree as indented text, for `quorum show`.
public enum TraceRendering {
    public static func text(_ node: TraceNode, indent: String = "", excerpt: Int = 160) -> String {
        var line = indent + "\(node.kind.rawValue) \(node.label)"
        if let call = node.call {
            line += " · \(call.model) [\(call.key)] \(call.usage.promptTokens)→\(call.usage.completionTokens) tok"
            line += " \(call.cost.formatted) \(String(format: "%.2fs", call.latency))"
            if call.attempts > 1 { line += " \(call.attempts) attempts" }
            if call.replayed { line += " (replayed)" }
            if let error = call.error { line += " error: \(error)" }
            line += "\n\(indent)    ↳ \(shorten(call.response, excerpt))"
        }
        if let verdict = node.verdict {
            line += " · \(verdict.passed ? "passed" : "not passed")"
            if let score = verdict.score { line += String(format: " score %.3f", score) }
            if let label = verdict.label { line += " \(label)" }
            if let parseError = verdict.parseError { line += " parse error: \(parseError)" }
        }
        if let note = node.note { line += "\n\(indent)    note: \(note)" }
        return ([line] + node.children.map { text($0, indent: indent + "  ", excerpt: excerpt) }).joined(separator: "\n")
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ⏎ ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
