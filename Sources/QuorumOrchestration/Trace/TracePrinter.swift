import QuorumCore

/// Renders a trace as an indented tree for people (`quorum ask --trace`).
///
/// ```
/// cascade-small-large  cascade: accepted at level 2   $0.000420 (answer $0.000300, judge $0.000120)
/// ├─ level 1  escalated: judge:quality: score 0.40, Invalid
/// │  ├─ call small  120→45 tok  $0.000010  0.41s
/// │  └─ gate judge:quality ✗ 0.40  "The answer misses …"
/// └─ level 2  accepted: judge:quality: score 0.95, Valid
/// ```
public struct TracePrinter: Sendable {
    /// Include each call's request messages and full response.
    public var showMessages: Bool
    /// Longest excerpt of a response or a reason shown on one line.
    public var excerptLength: Int

    public init(showMessages: Bool = false, excerptLength: Int = 80) {
        self.showMessages = showMessages
        self.excerptLength = excerptLength
    }

    /// The whole tree as text, one node per line (more with `showMessages`).
    public func render(_ root: TraceNode) -> String {
        var lines: [String] = []
        let costs = "\(root.answerCost.formatted) answer + \(root.judgeCost.formatted) judge = "
            + "\((root.answerCost + root.judgeCost).formatted)"
        let saved = root.savedCost > .zero ? ", \(root.savedCost.formatted) saved by the cache" : ""
        lines.append("\(headline(root))   [\(costs), \(root.usage.totalTokens) tokens\(saved)]")
        append(children: root.children, prefix: "", to: &lines)
        return lines.joined(separator: "\n")
    }

    /// `render` of an answer's trace, followed by its level, resolution and latency.
    public func render(_ answer: Answer) -> String {
        render(answer.trace) + "\nfinal answer from level \(answer.level)"
            + (answer.resolved ? "" : " (unresolved)") + String(format: ", %.2fs", answer.latency)
    }

    func append(children: [TraceNode], prefix: String, to lines: inout [String]) {
        for (index, child) in children.enumerated() {
            let isLast = index == children.count - 1
            lines.append(prefix + (isLast ? "└─ " : "├─ ") + headline(child))
            let inner = prefix + (isLast ? "   " : "│  ")
            if showMessages, let call = child.call {
                for message in call.messages {
                    lines.append(inner + "  \(message.role.rawValue): " + oneLine(message.content, limit: 400))
                }
                lines.append(inner + "  → " + oneLine(call.response, limit: 400))
            }
            // A routed model's steps: which deployment answered and why the others were passed over.
            for step in child.call?.route ?? [] {
                lines.append(inner + "  ↳ " + oneLine(step.summary, limit: max(excerptLength, 160)))
            }
            append(children: child.children, prefix: inner, to: &lines)
        }
    }

    func headline(_ node: TraceNode) -> String {
        var parts: [String]
        switch node.kind {
        case .call:
            parts = ["call \(node.label)"]
            if let call = node.call {
                parts.append("\(call.usage.promptTokens)→\(call.usage.completionTokens) tok")
                parts.append(call.cost.formatted)
                parts.append(String(format: "%.2fs", call.latency))
                if call.role == .judge { parts.append("(judge)") }
                if call.attempts > 1 { parts.append("\(call.attempts) attempts") }
                if call.replayed { parts.append("(replayed)") }
                if let saved = call.savedCost { parts.append("(cached, saved \(saved.formatted))") }
                if let error = call.error { parts.append("error: \(error)") }
                if !showMessages { parts.append("\"" + oneLine(call.response, limit: excerptLength) + "\"") }
            }
        case .verdict:
            parts = [node.label == "gate" ? "gate" : "verdict \(node.label)"]
            if let verdict = node.verdict {
                if node.label == "gate" || node.label != verdict.judge { parts.append(verdict.judge) }
                parts.append(verdict.passed ? "✓" : "✗")
                if let score = verdict.score { parts.append(String(format: "%.2f", score)) }
                if let label = verdict.label { parts.append(label) }
                if let error = verdict.parseError { parts.append("unreadable: \(oneLine(error, limit: excerptLength))") }
                if let reasoning = verdict.reasoning, !reasoning.isEmpty {
                    parts.append("\"" + oneLine(reasoning, limit: excerptLength) + "\"")
                }
            }
        default:
            parts = [node.label]
        }
        if let note = node.note, !note.isEmpty { parts.append("— " + note) }
        return parts.joined(separator: "  ")
    }

    func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
