import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation

/// `cache:` in `quorum run`: running an experiment again pays nothing for identical calls.
@Suite("ExperimentRunner: response cache")
struct ResponseCacheRunTests {
    static func config(cacheOn model: Bool) -> QuorumConfig {
        var config = QuorumConfig(models: [ModelConfig(name: "m", provider: "openai", model: "gpt-test")])
        config.models[0].parameters = GenerationParameters(temperature: 0)
        var system = SystemConfig(name: "single", type: "single")
        system.model = "m"
        if model { config.models[0].cache = CacheConfig(ttl: ConfigDuration(seconds: 3600)) } else { system.cache = CacheConfig() }
        config.systems = [system]
        return config
    }

    @Test("a second run of the same experiment makes zero upstream calls, costs nothing and keeps the saved cost",
          arguments: [true, false])
    func rerunIsFree(cacheOnModel: Bool) async throws {
        let temporary = try TemporaryStore()
        let model = CountingModel(name: "m", reply: arithmeticReply)
        let items = arithmeticItems(8)
        let cache = try #require(ResponseCache(Self.config(cacheOn: cacheOnModel), runStore: temporary.store, logger: .init(label: "test")))
        let runner = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: autoVerifier, cache: cache)

        let first = try await temporary.createRun(items: items, systems: ["single"])
        #expect(try await runner.run(first, items: items, systems: [OneCallSystem(model: "m")]).answered == 8)
        #expect(model.totalCalls == 8)

        let second = try await temporary.createRun(items: items, systems: ["single"])
        let outcome = try await runner.run(second, items: items, systems: [OneCallSystem(model: "m")])
        #expect(outcome.answered == 8)
        #expect(model.totalCalls == 8)
        let firstItems = try await temporary.store.items(ofRun: first)
        let stored = try await temporary.store.items(ofRun: second)
        #expect(stored.allSatisfy { $0.passed == true && $0.answerCost == .zero })
        #expect(stored.map { $0.trace?.savedCost ?? .zero }.sum() == firstItems.map(\.answerCost).sum())
        #expect(try await temporary.store.spending(ofRun: second).spent == .zero)
    }

    @Test("without cache: a second run pays again")
    func noCacheNoSaving() async throws {
        let temporary = try TemporaryStore()
        let model = CountingModel(name: "m", reply: arithmeticReply)
        let items = arithmeticItems(3)
        let runner = ExperimentRunner(store: temporary.store, models: ["m": model], scorer: autoVerifier)
        for _ in 0..<2 {
            let run = try await temporary.createRun(items: items, systems: ["single"])
            _ = try await runner.run(run, items: items, systems: [OneCallSystem(model: "m")])
        }
        #expect(model.totalCalls == 6)
    }
}
