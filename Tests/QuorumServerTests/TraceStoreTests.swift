import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import QuorumOrchestration
import QuorumStore
import Testing
@testable import QuorumServer

/// With a store, served traces outlive the memory cache and the process.
@Suite("Gateway: traces in the store")
struct TraceStoreTests {
    func temporaryStore() throws -> SQLiteRunStore {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-serve-\(UUID().uuidString)")
        return try SQLiteRunStore(path: folder.appendingPathComponent("serve.db").path)
    }

    func withStoreGateway<T: Sendable>(
        _ store: SQLiteRunStore, _ body: @Sendable @escaping (Gateway, any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let base = makeGateway()
        let gateway = Gateway(targets: base.targets, models: base.models, settings: base.settings, logger: base.logger, store: store)
        return try await Application(router: try gateway.makeRouter()).test(.router) { client in try await body(gateway, client) }
    }

    @Test("a trace is found before and after it is written, and by a server started later on the same store")
    func survivesRestart() async throws {
        let store = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: store.path).deletingLastPathComponent().path) }
        let traceIDs = try await withStoreGateway(store) { gateway, client in
            var traceIDs: [String] = []
            for model in ["strong", "cascade"] {
                traceIDs.append(try await client.execute(uri: "/v1/chat/completions", method: .post, body: chatBody(model)) { response in
                    #expect(response.status == .ok)
                    return try #require(response.headers[.quorumTraceID])
                })
            }
            let archive = try #require(gateway.traces.archive)
            #expect(try await archive.trace(id: traceIDs[0])?.model == "strong")  // still queued
            await archive.flush()
            return traceIDs
        }
        #expect(try await store.servedTrace(id: traceIDs[1])?.model == "cascade")
        // A new server on the same store: nothing in memory, everything in the store.
        try await withStoreGateway(store) { gateway, client in
            #expect(gateway.traces.trace(id: traceIDs[0]) == nil)
            try await client.execute(uri: "/v1/traces/\(traceIDs[1])", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["model"] as? String == "cascade")
                #expect((body["trace"] as? [String: Any])?["label"] as? String != nil)
            }
            try await client.execute(uri: "/v1/traces/chatcmpl-unknown", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("the background writer writes every queued trace before it ends")
    func writerDrainsAtShutdown() async throws {
        let store = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: store.path).deletingLastPathComponent().path) }
        let archive = TraceArchive(store: store, logger: Logger(label: "test"))
        let writer = Task { await archive.run() }
        let ids = (0..<50).map { "chatcmpl-\($0)" }
        for id in ids {
            archive.add(ServedTrace(id: id, model: "m", created: 1, trace: TraceNode(kind: .system, label: "m")))
        }
        archive.finish()
        await writer.value
        for id in ids { #expect(try await store.servedTrace(id: id)?.id == id) }
    }

    @Test("a store that falls behind costs dropped traces, not unbounded memory")
    func boundedQueue() async throws {
        let store = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: store.path).deletingLastPathComponent().path) }
        let archive = TraceArchive(store: store, logger: Logger(label: "test"), capacity: 3)
        for index in 0..<5 {
            archive.add(ServedTrace(id: "chatcmpl-\(index)", model: "m", created: 1, trace: TraceNode(kind: .system, label: "m")))
        }
        await archive.flush()
        #expect(try await store.servedTrace(id: "chatcmpl-2") != nil)
        #expect(try await store.servedTrace(id: "chatcmpl-3") == nil)
    }
}
