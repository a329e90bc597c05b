import QuorumCore
import QuorumTesting
import Testing
@testable import QuorumOrchestration

/// A model that answers with a fixed route, as a routed model of the providers layer does.
private struct RoutedStub: ChatModel {
    let name = "gpt"

    func complete(_ request: ChatRequest) async throws -> Completion {
        var completion = Completion(text: "from the backup", model: "backup")
        completion.route = [
            RouteAttempt(model: "gpt", deployment: "east", outcome: .failed, reason: "upstream_unavailable: overloaded"),
            RouteAttempt(model: "backup", deployment: "openai", outcome: .answered),
        ]
        return completion
    }
}

@Suite("Trace: a routed call's steps")
struct RouteTraceTests {
    @Test("a call keeps the route of its answer and the printed trace lists each step with its reason")
    func printedRoute() async throws {
        let context = RunContext(models: ["gpt": RoutedStub()])
        let record = try await context.call("gpt", ChatRequest(prompt: "q"), key: "answer")
        #expect(record.route?.count == 2)
        let text = TracePrinter().render(TraceNode(kind: .system, label: "single", children: [
            TraceNode(kind: .call, label: "gpt", call: record)
        ]))
        #expect(text.contains("↳ gpt/east failed: upstream_unavailable: overloaded"))
        #expect(text.contains("↳ backup/openai answered"))
    }
}
