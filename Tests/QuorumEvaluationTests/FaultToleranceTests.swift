import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation

@Suite("Runs under upstream faults")
struct FaultToleranceTests {
    /// Fails a fixed share of prompts the way vendors do: 429s, 500s, timeouts (hangs cut by the client), bad bodies.
    static func faultyReply(_ request: ChatRequest) throws -> String {
        let prompt = request.messages.last?.content ?? ""
        let number = Int(prompt.split(separator: " ")[2]) ?? 0
        switch number % 10 {
        case 1: throw QuorumError(.rateLimited, "rate limited", context: ["model": "m"], httpStatus: 429)
        case 2: throw QuorumError(.upstreamUnavailable, "upstream error", context: ["model": "m"], httpStatus: 500)
        case 3 where number % 20 == 3: throw QuorumError(.timeout, "no response within 30s", context: ["model": "m"])
        case 4 where number % 20 == 4: throw QuorumError(.malformedResponse, "body is not JSON", context: ["model": "m"])
        default: return arithmeticReply(request)
        }
    }

    @Test("a 1,000-item run with failing calls answers or fails every item with a reason, and counts the failures")
    func thousandItemsWithFaults() async throws {
        let temporary = try TemporaryStore()
        let items = arithmeticItems(1_000)
        let runID = try await temporary.createRun(items: items, systems: ["single"])
        let model = CountingModel(name: "m", reply: Self.faultyReply)
        let runner = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: autoVerifier, concurrency: 16)
        let outcome = try await runner.run(runID, items: items, systems: [OneCallSystem(model: "m")])
        #expect(outcome.status == .completed)
        #expect(outcome.answered + outcome.failed == 1_000)
        #expect(outcome.failed == 100 + 100 + 50 + 50)
        let stored = try await temporary.store.items(ofRun: runID)
        #expect(stored.filter { $0.status == .failed }.allSatisfy { $0.note != nil && $0.reasonKind != nil })
        let run = try #require(try await temporary.store.run(runID))
        let summary = try #require(RunSummary(run: run, items: stored).systems.first)
        #expect(summary.failed == 300)
        #expect(summary.reasons == ["rate_limited": 100, "upstream_unavailable": 100, "timeout": 50, "malformed_response": 50])
        #expect(summary.accuracy == 1)
        #expect(summary.answered == 700)
    }
}
