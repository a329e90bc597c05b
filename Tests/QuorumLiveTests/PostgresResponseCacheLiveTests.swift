import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import QuorumCore
import QuorumOrchestration
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumServer
@testable import QuorumStore

/// The response cache on a real PostgreSQL store: the same TTL and size bound as SQLite, and a
/// second run (any worker on the store) paying nothing for calls the first one made.
@Suite("PostgreSQL response cache (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct PostgresResponseCacheLiveTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func answer(_ text: String) -> CachedResponse {
        CachedResponse(text: text, usage: Usage(promptTokens: 10, completionTokens: 5), cost: USD(string: "0.00002")!)
    }

    /// TTL, replacement and the per-scope size bound, as `ResponseCacheStoreTests` checks them on SQLite.
    static func checkBounds(_ store: any ResponseCacheStore) async throws {
        let expiry = start.addingTimeInterval(60)
        try await store.saveCachedResponse(answer("x"), key: "other", scope: "n", at: start, expiry: expiry, maxEntries: 1)
        for index in 0..<5 {
            try await store.saveCachedResponse(
                answer("\(index)"), key: "k\(index)", scope: "m", at: start.addingTimeInterval(Double(index)), expiry: expiry,
                maxEntries: 3)
        }
        let now = start.addingTimeInterval(10)
        for index in 0..<2 { #expect(try await store.cachedResponse(key: "k\(index)", at: now) == nil) }
        for index in 2..<5 { #expect(try await store.cachedResponse(key: "k\(index)", at: now)?.text == "\(index)") }
        #expect(try await store.cachedResponse(key: "other", at: now)?.text == "x")
        #expect(try await store.cachedResponse(key: "other", at: expiry) == nil)
        try await store.saveCachedResponse(answer("again"), key: "k4", scope: "m", at: now, expiry: expiry.addingTimeInterval(60), maxEntries: 3)
        #expect(try await store.cachedResponse(key: "k4", at: expiry)?.text == "again")
        // A save after every other answer expired leaves only itself.
        let late = expiry.addingTimeInterval(1)
        try await store.saveCachedResponse(answer("late"), key: "late", scope: "m", at: late, expiry: late.addingTimeInterval(60), maxEntries: 3)
        #expect(try await store.cachedResponse(key: "k4", at: late)?.text == "again")
        #expect(try await store.cachedResponse(key: "k3", at: late) == nil)
    }

    @Test("answers expire and are bounded per model on PostgreSQL as on SQLite")
    func bounds() async throws {
        try await PostgresServerProcess.with { server in
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            try await Self.checkBounds(postgres)
            #expect(try await postgres.cachedResponseCount() == 2)  // k4 and late: the rest expired
            let temporary = try TemporaryStore()
            try await Self.checkBounds(temporary.store)
            #expect(try await temporary.store.cachedResponseCount() == 2)  // k4 and late: the rest expired

            // `quorum cache stats` and `clear` read the same from both stores.
            let now = Self.start.addingTimeInterval(120.5)  // "again" (k4) has expired, "late" has not
            let onPostgres = try await postgres.cacheStatistics(at: now)
            #expect(onPostgres == (try await temporary.store.cacheStatistics(at: now)).map { row in
                var row = row
                row.bytes = onPostgres.first?.bytes ?? -1  // JSON text vs bytea: the same answers, sizes may differ
                return row
            })
            #expect(onPostgres.map(\.expired) == [1])
            #expect(try await postgres.clearCachedResponses(scope: "m", expiredAt: now) == 1)
            #expect(try await postgres.clearCachedResponses(scope: nil, expiredAt: nil) == 1)
            #expect(try await postgres.cacheStatistics(at: now).isEmpty)
        }
    }

    @Test("store migrate brings the answers still valid over once; expired ones stay behind")
    func migrated() async throws {
        try await PostgresServerProcess.with { server in
            let temporary = try TemporaryStore()
            let now = Date()
            for (key, life) in [("fresh", 3600.0), ("also", 60.0), ("stale", -1.0)] {
                try await temporary.store.saveCachedResponse(
                    Self.answer(key), key: key, scope: "m", at: now.addingTimeInterval(-10), expiry: now.addingTimeInterval(life),
                    maxEntries: 10)
            }
            let postgres = try await PostgresRunStore.open(server.url)
            defer { postgres.close() }
            let first = try await StoreMigration(from: temporary.store, to: postgres).copy()
            #expect(first.cachedAnswers == 2)
            #expect(try await postgres.cachedResponse(key: "fresh", at: now)?.text == "fresh")
            #expect(try await postgres.cachedResponse(key: "stale", at: now.addingTimeInterval(-5)) == nil)
            let again = try await StoreMigration(from: temporary.store, to: postgres).copy()
            #expect(again.cachedAnswers == 0 && again.alreadyThere >= 2)
        }
    }

    @Test("a second run on the shared store makes no upstream call")
    func rerunOnPostgres() async throws {
        try await PostgresServerProcess.with { server in
            let store = try await PostgresRunStore.open(server.url)
            defer { store.close() }
            var config = QuorumConfig(models: [ModelConfig(name: "m", provider: "openai", model: "gpt-test")])
            config.models[0].parameters = GenerationParameters(temperature: 0)
            config.models[0].cache = CacheConfig()
            let cache = try #require(ResponseCache(config, runStore: store, logger: .init(label: "test")))
            let log = CallLog()
            let model = ScriptedModel("m", log: log) { request, _ in "echo \(request.messages.last?.content ?? "")" }
            let runner = ExperimentRunner(store: store, models: ["m": model], cache: cache)
            let items = arithmeticQuestions(5).map { DatasetItem(question: $0) }
            let system = SingleSystem(name: "single", responder: .model("m", GenerationParameters()))
            var runs: [String] = []
            for _ in 0..<2 {
                let run = RunRecord(id: RunRecord.makeID(), name: "cache", configSnapshot: "{}", dataset: "inline", systems: ["single"])
                try await store.createRun(run, items: items.enumerated().map { position, item in
                    ItemRecord(runID: run.id, system: "single", itemID: item.id, position: position, prompt: item.question.prompt)
                })
                #expect(try await runner.run(run.id, items: items, systems: [system]).answered == 5)
                runs.append(run.id)
            }
            #expect(await log.entries.count == 5)
            #expect(try await store.spending(ofRun: runs[1]).spent == .zero)
            let second = try await store.items(ofRun: runs[1])
            #expect(second.allSatisfy { $0.trace?.savedCost == USD(string: "0.001")! })
        }
    }

    @Test("gateway replicas on one store share answers: what one paid for, the other serves as a hit")
    func replicasShareAnswers() async throws {
        try await PostgresServerProcess.with { server in
            let stores = [try await PostgresRunStore.open(server.url), try await PostgresRunStore.open(server.url)]
            defer { stores.forEach { $0.close() } }
            let log = CallLog()
            let model = ScriptedModel("m", log: log, cost: USD(string: "0.004")!) { _, _ in "shared answer" }
            let replicas = stores.map { store in
                Gateway(
                    targets: ["m": .model(model)], models: ["m": model], settings: GatewaySettings(), logger: Logger(label: "test"),
                    store: store,
                    cache: ResponseCache(
                        store: store, identities: ["m": .init(fingerprint: "m")], policies: ["m": CachePolicy()]))
            }
            let body = #"{"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": 0}"#
            var outcomes: [String?] = []
            for replica in replicas {
                let outcome = try await Application(router: try replica.makeRouter()).test(.router) { client in
                    try await client.execute(uri: "/v1/chat/completions", method: .post, body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .ok)
                        #expect(String(buffer: response.body).contains("shared answer"))
                        return response.headers[HTTPField.Name("x-quorum-cache")!]
                    }
                }
                outcomes.append(outcome)
            }
            #expect(outcomes == ["miss", "hit"])
            #expect(await log.entries.count == 1)
        }
    }
}
