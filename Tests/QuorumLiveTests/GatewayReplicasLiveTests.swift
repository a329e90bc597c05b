import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumServer

/// Gateway replicas on one PostgreSQL store, as several `quorum serve` with the same
/// `server.store: postgres://…`: each listens on its own port with its own connection pool, and
/// `GET /v1/traces/{id}` on one answers for a request another served.
@Suite("Gateway replicas on PostgreSQL (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct GatewayReplicasLiveTests {
    static func replica(store: any ServedTraceStore) -> Gateway {
        let model = ScriptedModel(name: "echo", text: "an answer from the replica")
        var logger = Logger(label: "quorum.replica")
        // Cancelling a replica's task at the end (the in-process SIGTERM) makes Hummingbird log errors.
        logger.logLevel = .critical
        return Gateway(
            targets: ["echo": .model(model)], models: ["echo": model], settings: GatewaySettings(port: 0), logger: logger,
            store: store)
    }

    @Test("a trace served by one replica is read through the other, which never saw the request")
    func tracesAcrossReplicas() async throws {
        try await PostgresServerProcess.with { server in
            let stores = [try await PostgresRunStore.open(server.url), try await PostgresRunStore.open(server.url)]
            defer { stores.forEach { $0.close() } }
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await Self.serve(stores.map { Self.replica(store: $0) }) { ports, gateways in
                    try await Self.checkTraces(http: http, ports: ports, gateways: gateways)
                    try await Self.measureStore(writer: stores[0], reader: stores[1])
                }
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    /// Runs `gateways` on ports of their own until `body` (given their ports) returns, then stops them
    /// (cancelled: the in-process SIGTERM).
    static func serve(_ gateways: [Gateway], _ body: ([Int], [Gateway]) async throws -> Void) async throws {
        let (ports, announce) = AsyncStream.makeStream(of: (replica: Int, port: Int).self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, gateway) in gateways.enumerated() {
                group.addTask {
                    defer { announce.finish() }  // a replica that ends before the others listen ends the wait
                    try await gateway.run { port in announce.yield((index, port)) }
                }
            }
            var listening: [Int: Int] = [:]
            for await (replica, port) in ports {
                listening[replica] = port
                if listening.count == gateways.count { break }
            }
            guard listening.count == gateways.count else {
                throw QuorumError(.configuration, "a replica stopped before it listened")
            }
            try await body(gateways.indices.map { listening[$0]! }, gateways)
            group.cancelAll()
        }
    }

    static func checkTraces(http: HTTPClient, ports: [Int], gateways: [Gateway]) async throws {
        var written: [String] = []
        for turn in 0..<6 {
            let port = ports[turn % 2]
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/chat/completions")
            request.method = .POST
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"model":"echo","messages":[{"role":"user","content":"question \#(turn)"}]}"#))
            let response = try await http.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
            written.append(try #require(response.headers.first(name: "x-quorum-trace-id")))
        }
        // Each trace through the replica that did not serve it: not in its memory, found in the store
        // once the serving replica's background batch is written (tens of milliseconds).
        var visible: [Double] = []
        for (turn, id) in written.enumerated() {
            let other = (turn + 1) % 2
            #expect(gateways[other].traces.trace(id: id) == nil)
            let started = ContinuousClock.now
            let body = try await Self.trace(id, port: ports[other], http: http)
            visible.append((ContinuousClock.now - started).seconds * 1000)
            #expect(body.contains(#""model":"echo""#) && body.contains("an answer from the replica"))
        }
        var missing = HTTPClientRequest(url: "http://127.0.0.1:\(ports[0])/v1/traces/chatcmpl-none")
        missing.method = .GET
        #expect(try await http.execute(missing, timeout: .seconds(10)).status == .notFound)

        // A read of a stored trace, no longer pending anywhere: the PostgreSQL round trip itself.
        var reads: [Double] = []
        for id in written {
            let started = ContinuousClock.now
            _ = try await Self.trace(id, port: ports[0], http: http)
            reads.append((ContinuousClock.now - started).seconds * 1000)
        }
        print("gateway replicas: trace visible on the other replica after \(visible.map { String(format: "%.1f", $0) }.joined(separator: ", ")) ms; GET of a stored trace \(reads.map { String(format: "%.2f", $0) }.joined(separator: ", ")) ms")
    }

    /// The store's own cost, printed for the record (never asserted): a batch of 100 traces written
    /// by one replica's pool, each read back one at a time through the other's.
    static func measureStore(writer: PostgresRunStore, reader: PostgresRunStore) async throws {
        let traces = (0..<100).map { index in
            let call = CallRecord(key: "answer", model: "echo", role: .answer, messages: [.user("q\(index)")], response: "a\(index)")
            return ServedTrace(id: "chatcmpl-bench-\(index)", model: "echo", created: 1_700_000_000, trace: TraceNode(kind: .call, label: "echo", call: call))
        }
        let clock = ContinuousClock()
        let write = try await clock.measure { try await writer.saveServedTraces(traces) }
        var found = 0
        let read = try await clock.measure {
            for trace in traces where try await reader.servedTrace(id: trace.id) == trace { found += 1 }
        }
        #expect(found == traces.count)
        // A trace twice in one batch (one statement may not update a row twice): the last copy wins.
        var again = traces[0]
        again.model = "echo-2"
        try await writer.saveServedTraces([traces[0], again, traces[1]])
        #expect(try await reader.servedTrace(id: again.id) == again)
        print("trace store on PostgreSQL: batch of 100 written in \(String(format: "%.1f", write.seconds * 1000)) ms; "
            + "read one by one \(String(format: "%.0f", read.seconds * 1e6 / 100)) µs per trace")
    }

    /// `GET /v1/traces/{id}` on `port`, retried while it answers 404 (10 s at most).
    static func trace(_ id: String, port: Int, http: HTTPClient) async throws -> String {
        for _ in 0..<1000 {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/traces/\(id)")
            request.method = .GET
            let response = try await http.execute(request, timeout: .seconds(10))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            if response.status == .ok { return body }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw QuorumError(.timeout, "trace \(id) never reached port \(port)")
    }
}
