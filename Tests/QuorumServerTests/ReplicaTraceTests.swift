import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuorumStore
import Synchronization
import Testing
@testable import QuorumServer

/// A shared trace store in memory: what PostgreSQL is to replicas, without a server.
final class SharedTraceStore: ServedTraceStore {
    private let traces = Mutex<[String: ServedTrace]>([:])
    let location = "memory:shared"

    func saveServedTraces(_ batch: [ServedTrace]) async throws {
        traces.withLock { stored in for trace in batch { stored[trace.id] = trace } }
    }

    func servedTrace(id: String) async throws -> ServedTrace? { traces.withLock { $0[id] } }

    var count: Int { traces.withLock { $0.count } }
}

/// Replicas behind one shared store answer `GET /v1/traces/{id}` for each other's requests.
@Suite("Gateway: replicas sharing a trace store")
struct ReplicaTraceTests {
    func replica(_ store: SharedTraceStore) -> Gateway {
        let base = makeGateway()
        return Gateway(targets: base.targets, models: base.models, settings: base.settings, logger: base.logger, store: store)
    }

    @Test("a trace one replica served is found through another, from the store, once its batch is written")
    func readsThroughTheStore() async throws {
        let store = SharedTraceStore()
        let first = replica(store)
        let second = replica(store)
        let id = try await Application(router: try first.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody("strong")) { response in
                try #require(response.headers[.quorumTraceID])
            }
        }
        try await Application(router: try second.makeRouter()).test(.router) { client in
            try await client.execute(uri: "/v1/traces/\(id)", method: .get) { response in
                #expect(response.status == .notFound)  // still queued in the first replica
            }
            await first.traces.archive?.flush()
            #expect(store.count == 1 && second.traces.trace(id: id) == nil)
            try await client.execute(uri: "/v1/traces/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["model"] as? String == "strong")
            }
        }
    }
}
