import Foundation
import QuorumCore
import QuorumOrchestration
import Testing

@testable import QuorumStore

@Suite("Served traces: a routed call's steps")
struct RouteTraceJSONTests {
    @Test("each step of a routed call is written and reads back equal")
    func routeRoundTrip() throws {
        var call = CallRecord(key: "call", model: "gpt", role: .answer, messages: [.user("q")], response: "a")
        call.route = [
            RouteAttempt(model: "gpt", deployment: "east", outcome: .skipped, reason: "cooled down for another 12s"),
            RouteAttempt(model: "gpt", deployment: "west", outcome: .failed, reason: "rate_limited: \"slow\" down"),
            RouteAttempt(model: "backup", deployment: "openai", outcome: .answered),
        ]
        let trace = TraceNode(kind: .call, label: "gpt", call: call)
        let data = try #require(TraceJSON.data(for: trace))
        #expect(try JSONDecoder().decode(TraceNode.self, from: data) == trace)
    }
}
