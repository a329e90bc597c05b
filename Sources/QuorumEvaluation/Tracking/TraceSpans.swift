import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore

/// Turns an item's `TraceNode` tree into OpenTelemetry spans (OTLP/HTTP JSON) for MLflow's trace view.
///
/// Quorum records how long each call took but not when it started, so spans are laid out one
/// after another from the item's start: a call lasts its latency, any other node spans its children.
/// Ids are derived from the run, system and item, so logging the same item again sends the same trace.
struct TraceSpans {
    var runID: String
    var item: ItemRecord

    /// The `ExportTraceServiceRequest` for the item, or `nil` when it has no trace.
    func request() -> JSONValue? {
        guard let root = item.trace else { return nil }
        let seed = "\(runID)\u{1F}\(item.system)\u{1F}\(item.itemID)"
        let traceID = StableHash.hex(seed, bytes: 16)
        let start = (item.updatedAt.timeIntervalSince1970 - (item.latency ?? Self.duration(of: root))) * 1e9
        var spans: [JSONValue] = []
        append(root, path: "0", parentID: nil, start: start, traceID: traceID, seed: seed, into: &spans, isRoot: true)
        return [
            "resourceSpans": [[
                "resource": ["attributes": [Self.attribute("service.name", .string("quorum"))]],
                "scopeSpans": [["scope": ["name": "quorum"], "spans": .array(spans)]],
            ]]
        ]
    }

    /// Adds the span of `node` and its children; returns where it ended (nanoseconds since 1970).
    @discardableResult
    private func append(
        _ node: TraceNode, path: String, parentID: String?, start: Double, traceID: String, seed: String,
        into spans: inout [JSONValue], isRoot: Bool = false
    ) -> Double {
        let spanID = StableHash.hex(seed + "\u{1F}" + path, bytes: 8)
        var end = start
        if let call = node.call { end = start + call.latency * 1e9 }
        for (index, child) in node.children.enumerated() {
            end = append(child, path: "\(path).\(index)", parentID: spanID, start: end, traceID: traceID, seed: seed, into: &spans)
        }
        var span: [String: JSONValue] = [
            "traceId": .string(traceID), "spanId": .string(spanID), "name": .string(Self.name(of: node)), "kind": 1,
            "startTimeUnixNano": .string(String(format: "%.0f", start)),
            "endTimeUnixNano": .string(String(format: "%.0f", max(end, start))),
            "attributes": .array(attributes(of: node, isRoot: isRoot)),
            "status": Self.status(of: node),
        ]
        if let parentID { span["parentSpanId"] = .string(parentID) }
        spans.append(.object(span))
        return max(end, start)
    }

    private func attributes(of node: TraceNode, isRoot: Bool) -> [JSONValue] {
        var values: [(String, JSONValue)] = [("quorum.kind", .string(node.kind.rawValue))]
        if let note = node.note { values.append(("quorum.note", .string(note))) }
        switch node.kind {
        case .call:
            values.append(("mlflow.spanType", "CHAT_MODEL"))
            if let call = node.call {
                let messages = call.messages.map { JSONValue.object(["role": .string($0.role.rawValue), "content": .string($0.content)]) }
                values += [
                    ("mlflow.spanInputs", ["messages": .array(messages)]), ("mlflow.spanOutputs", .string(call.response)),
                    ("quorum.model", .string(call.model)), ("quorum.role", .string(call.role.rawValue)),
                    ("quorum.cost_usd", .number(call.cost.doubleValue)),
                    ("quorum.prompt_tokens", .number(Double(call.usage.promptTokens))),
                    ("quorum.completion_tokens", .number(Double(call.usage.completionTokens))),
                    ("quorum.attempts", .number(Double(call.attempts))), ("quorum.replayed", .bool(call.replayed)),
                ]
            }
        case .verdict:
            values.append(("mlflow.spanType", "EVALUATOR"))
            if let verdict = node.verdict, let data = try? JSONEncoder().encode(verdict),
                let output = try? JSONDecoder().decode(JSONValue.self, from: data)
            {
                values.append(("mlflow.spanOutputs", output))
            }
        default:
            values.append(("mlflow.spanType", isRoot ? "AGENT" : "CHAIN"))
        }
        if isRoot {
            values += [
                ("mlflow.spanInputs", ["question": .string(item.prompt)]),
                ("mlflow.spanOutputs", .string(item.answer ?? "")), ("quorum.item", .string(item.itemID)),
                ("quorum.system", .string(item.system)), ("quorum.run_id", .string(runID)),
            ]
        }
        // A later value for the same key (the root's inputs) wins, as in OpenTelemetry.
        var seen: Set<String> = []
        return values.reversed().filter { seen.insert($0.0).inserted }.reversed().map { Self.attribute($0.0, $0.1) }
    }

    static func name(of node: TraceNode) -> String {
        switch node.kind {
        case .call: "call \(node.label)"
        case .verdict: node.label == "gate" ? "gate \(node.verdict?.judge ?? "")" : "verdict \(node.label)"
        default: node.label
        }
    }

    static func status(of node: TraceNode) -> JSONValue {
        if let error = node.call?.error { return ["code": 2, "message": .string(error)] }
        return ["code": 1]
    }

    static func duration(of node: TraceNode) -> Double {
        (node.call?.latency ?? 0) + node.children.map(duration(of:)).reduce(0, +)
    }

    /// An OTLP `KeyValue` whose value is the `AnyValue` for `value`.
    static func attribute(_ key: String, _ value: JSONValue) -> JSONValue {
        ["key": .string(key), "value": anyValue(value)]
    }

    static func anyValue(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: ["stringValue": ""]
        case .bool(let flag): ["boolValue": .bool(flag)]
        case .number(let number): ["doubleValue": .number(number)]
        case .string(let text): ["stringValue": .string(text)]
        case .array(let values): ["arrayValue": ["values": .array(values.map(anyValue))]]
        case .object(let fields):
            ["kvlistValue": ["values": .array(fields.keys.sorted().map { attribute($0, fields[$0]!) })]]
        }
    }
}

/// Deterministic hex ids from text (FNV-1a, 64 bits per half): stable across processes, unlike `Hasher`.
enum StableHash {
    static func hex(_ text: String, bytes: Int) -> String {
        var result = ""
        var seed: UInt64 = 0xcbf2_9ce4_8422_2325
        while result.count < bytes * 2 {
            var hash = seed
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            let part = String(hash, radix: 16)
            result += String(repeating: "0", count: 16 - part.count) + part
            seed = hash ^ 0x9e37_79b9_7f4a_7c15
        }
        return String(result.prefix(bytes * 2))
    }
}
