import Foundation
import QuorumCore
import QuorumOrchestration
import Testing

@testable import QuorumStore

/// The hand-written trace JSON the served-trace store keeps must read back, through `JSONDecoder`,
/// as exactly the trace that was written.
@Suite("Served traces: hand-written JSON")
struct TraceJSONTests {
    @Test("generated traces of every shape decode back equal", arguments: 0..<200)
    func roundTrip(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        let trace = Self.node(depth: 0, random: &random)
        let data = try #require(TraceJSON.data(for: trace))
        #expect(try JSONDecoder().decode(TraceNode.self, from: data) == trace)
    }

    @Test("a number JSON cannot carry is left to JSONEncoder, which reports it")
    func nonFinite() {
        var call = CallRecord(key: "k", model: "m", role: .answer, messages: [])
        call.latency = .infinity
        #expect(TraceJSON.data(for: TraceNode(kind: .call, label: "m", call: call)) == nil)
        let verdict = VerdictRecord(judge: "j", score: .nan, passed: false)
        #expect(TraceJSON.data(for: TraceNode(kind: .verdict, label: "j", verdict: verdict)) == nil)
    }

    // MARK: Generated traces

    static let texts = [
        "", "plain", "quote \" and backslash \\", "line\nbreak\ttab\r", "control \u{01}\u{1F}", "emoji 🧮 ünïcødé",
        "slash / and </script>", String(repeating: "long ", count: 50),
    ]
    static let numbers: [Double] = [0, 1, 0.1, 1e-9, 123_456.789, 5e300, -2.5, 0.000_123_456_789]

    static func text(_ random: inout SeededRandom) -> String { texts.randomElement(using: &random)! }
    static func optionalText(_ random: inout SeededRandom) -> String? { Bool.random(using: &random) ? text(&random) : nil }
    static func number(_ random: inout SeededRandom) -> Double { numbers.randomElement(using: &random)! }

    static func node(depth: Int, random: inout SeededRandom) -> TraceNode {
        let kind = [TraceNode.Kind.system, .level, .round, .layer, .sample, .call, .verdict, .note].randomElement(using: &random)!
        var node = TraceNode(kind: kind, label: text(&random), note: optionalText(&random))
        if Bool.random(using: &random) { node.call = call(&random) }
        if Bool.random(using: &random) { node.verdict = verdict(&random) }
        if depth < 3 {
            for _ in 0..<Int.random(in: 0...3, using: &random) { node.children.append(Self.node(depth: depth + 1, random: &random)) }
        }
        return node
    }

    static func call(_ random: inout SeededRandom) -> CallRecord {
        let messages = (0..<Int.random(in: 0...3, using: &random)).map { _ in
            ChatMessage(role: ChatMessage.Role.allCases.randomElement(using: &random)!, content: text(&random))
        }
        return CallRecord(
            key: text(&random), model: text(&random), role: Bool.random(using: &random) ? .answer : .judge,
            messages: messages, response: text(&random),
            usage: Usage(
                promptTokens: Int.random(in: 0...100_000, using: &random), completionTokens: Int.random(in: 0...9_999, using: &random),
                cachedPromptTokens: Int.random(in: 0...50, using: &random)),
            cost: USD(string: ["0", "0.0000042", "12.5", "0.1", "3"].randomElement(using: &random)!)!,
            latency: number(&random), timeToFirstToken: Bool.random(using: &random) ? number(&random) : nil,
            attempts: Int.random(in: 1...5, using: &random),
            finishReason: [nil, .stop, .length, .contentFilter, .toolCalls, .other].randomElement(using: &random)!,
            error: optionalText(&random), replayed: Bool.random(using: &random),
            savedCost: Bool.random(using: &random) ? USD(string: "0.0025")! : nil)
    }

    static func verdict(_ random: inout SeededRandom) -> VerdictRecord {
        var verdict = VerdictRecord(
            judge: text(&random), score: Bool.random(using: &random) ? number(&random) : nil, passed: Bool.random(using: &random),
            label: optionalText(&random), reasoning: optionalText(&random), feedback: optionalText(&random),
            parseError: optionalText(&random))
        if Bool.random(using: &random) {  // a rubric judge's verdict
            verdict.criteria = Dictionary(uniqueKeysWithValues: texts.prefix(Int.random(in: 0...3, using: &random)).map { ($0, number(&random)) })
            verdict.flags = Dictionary(uniqueKeysWithValues: texts.suffix(Int.random(in: 0...2, using: &random)).map { ($0, Bool.random(using: &random)) })
            verdict.composite = number(&random)
            verdict.rubric = text(&random)
        }
        return verdict
    }
}
