import Foundation
import NIOCore
import QuorumCore
import QuorumOrchestration
import QuorumProviders

/// A trace as JSON, written field by field: what the store keeps for every served request.
///
/// With `quorum serve --store`, `JSONEncoder` spent a tenth of the gateway's CPU on these (by
/// profile, at 64 connections). The text decodes with `JSONDecoder` into an equal `TraceNode`
/// (tests check it on generated traces): the same keys, optionals left out when `nil`, money as
/// its exact decimal string, numbers as Core's `JSONWriter` writes them (whole ones without a
/// fraction, the rest in Swift's shortest round-trip form).
enum TraceJSON {
    /// The JSON of `trace`; `nil` when it holds a number JSON cannot carry (NaN, infinity), for
    /// the caller to hand to `JSONEncoder`, which reports it.
    static func data(for trace: TraceNode) -> Data? {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(1024)
        guard write(trace, into: &buffer) else { return nil }
        return Data(buffer.readableBytesView)
    }

    private static func write(_ node: TraceNode, into buffer: inout ByteBuffer) -> Bool {
        buffer.writeStaticString("{\"kind\":")
        JSONWriter.writeString(node.kind.rawValue, into: &buffer)
        buffer.writeStaticString(",\"label\":")
        JSONWriter.writeString(node.label, into: &buffer)
        if let call = node.call {
            buffer.writeStaticString(",\"call\":")
            guard write(call, into: &buffer) else { return false }
        }
        if let verdict = node.verdict {
            buffer.writeStaticString(",\"verdict\":")
            guard write(verdict, into: &buffer) else { return false }
        }
        writeField("note", node.note, into: &buffer)
        buffer.writeStaticString(",\"children\":[")
        for (index, child) in node.children.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            guard write(child, into: &buffer) else { return false }
        }
        buffer.writeStaticString("]}")
        return true
    }

    private static func write(_ call: CallRecord, into buffer: inout ByteBuffer) -> Bool {
        guard call.latency.isFinite, call.timeToFirstToken?.isFinite ?? true else { return false }
        buffer.writeStaticString("{\"key\":")
        JSONWriter.writeString(call.key, into: &buffer)
        writeField("model", call.model, into: &buffer)
        writeField("role", call.role.rawValue, into: &buffer)
        buffer.writeStaticString(",\"messages\":[")
        for (index, message) in call.messages.enumerated() {
            buffer.writeStaticString(index > 0 ? ",{\"role\":" : "{\"role\":")
            JSONWriter.writeString(message.role.rawValue, into: &buffer)
            buffer.writeStaticString(",\"content\":")
            JSONWriter.writeString(message.content, into: &buffer)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("]")
        writeField("response", call.response, into: &buffer)
        buffer.writeStaticString(",\"usage\":{\"promptTokens\":")
        JSONWriter.writeInteger(call.usage.promptTokens, into: &buffer)
        buffer.writeStaticString(",\"completionTokens\":")
        JSONWriter.writeInteger(call.usage.completionTokens, into: &buffer)
        buffer.writeStaticString(",\"cachedPromptTokens\":")
        JSONWriter.writeInteger(call.usage.cachedPromptTokens, into: &buffer)
        buffer.writeStaticString("}")
        writeField("cost", call.cost.exactString, into: &buffer)
        buffer.writeStaticString(",\"latency\":")
        JSONWriter.writeNumber(call.latency, into: &buffer)
        if let first = call.timeToFirstToken {
            buffer.writeStaticString(",\"timeToFirstToken\":")
            JSONWriter.writeNumber(first, into: &buffer)
        }
        buffer.writeStaticString(",\"attempts\":")
        JSONWriter.writeInteger(call.attempts, into: &buffer)
        writeField("finishReason", call.finishReason?.rawValue, into: &buffer)
        writeField("error", call.error, into: &buffer)
        writeField("savedCost", call.savedCost?.exactString, into: &buffer)
        if let route = call.route { write(route, into: &buffer) }
        buffer.writeStaticString(call.replayed ? ",\"replayed\":true}" : ",\"replayed\":false}")
        return true
    }

    /// `,"route":[{"model":…,"deployment":…,"outcome":…,"reason":…},…]`: a routed model's steps.
    private static func write(_ route: [RouteAttempt], into buffer: inout ByteBuffer) {
        buffer.writeStaticString(",\"route\":[")
        for (index, step) in route.enumerated() {
            buffer.writeStaticString(index > 0 ? ",{\"model\":" : "{\"model\":")
            JSONWriter.writeString(step.model, into: &buffer)
            writeField("deployment", step.deployment, into: &buffer)
            writeField("outcome", step.outcome.rawValue, into: &buffer)
            writeField("reason", step.reason, into: &buffer)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("]")
    }

    private static func write(_ verdict: VerdictRecord, into buffer: inout ByteBuffer) -> Bool {
        let numbers = [verdict.score, verdict.composite].compactMap { $0 } + (verdict.criteria.map { Array($0.values) } ?? [])
        guard numbers.allSatisfy(\.isFinite) else { return false }
        buffer.writeStaticString("{\"judge\":")
        JSONWriter.writeString(verdict.judge, into: &buffer)
        if let score = verdict.score {
            buffer.writeStaticString(",\"score\":")
            JSONWriter.writeNumber(score, into: &buffer)
        }
        buffer.writeStaticString(verdict.passed ? ",\"passed\":true" : ",\"passed\":false")
        writeField("label", verdict.label, into: &buffer)
        writeField("reasoning", verdict.reasoning, into: &buffer)
        writeField("feedback", verdict.feedback, into: &buffer)
        writeField("parseError", verdict.parseError, into: &buffer)
        if let criteria = verdict.criteria {
            buffer.writeStaticString(",\"criteria\":")
            writeObject(criteria, into: &buffer) { JSONWriter.writeNumber($0, into: &$1) }
        }
        if let flags = verdict.flags {
            buffer.writeStaticString(",\"flags\":")
            writeObject(flags, into: &buffer) { $1.writeStaticString($0 ? "true" : "false") }
        }
        if let composite = verdict.composite {
            buffer.writeStaticString(",\"composite\":")
            JSONWriter.writeNumber(composite, into: &buffer)
        }
        writeField("rubric", verdict.rubric, into: &buffer)
        buffer.writeStaticString("}")
        return true
    }

    /// `{"a":…,"b":…}` with the keys sorted, so the same verdict always gives the same bytes.
    private static func writeObject<Value>(
        _ object: [String: Value], into buffer: inout ByteBuffer, value write: (Value, inout ByteBuffer) -> Void
    ) {
        buffer.writeStaticString("{")
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            JSONWriter.writeString(key, into: &buffer)
            buffer.writeStaticString(":")
            write(object[key]!, &buffer)
        }
        buffer.writeStaticString("}")
    }

    /// `,"name":"value"`, or nothing when `value` is `nil` (as `JSONEncoder` leaves out optionals).
    private static func writeField(_ name: StaticString, _ value: String?, into buffer: inout ByteBuffer) {
        guard let value else { return }
        buffer.writeStaticString(",\"")
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
        JSONWriter.writeString(value, into: &buffer)
    }
}
