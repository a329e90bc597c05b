import AsyncHTTPClient
import Foundation
import NIOCore
import QuorumCore
import QuorumProviders
import QuorumTesting
import Testing

/// The `quorum` executable `swift build --build-tests` leaves beside the tests, if there.
/// `quorum serve` as a process: SIGTERM stops it gracefully, within its grace period.
@Suite("Serve: graceful shutdown", .enabled(if: quorumBinary != nil, "needs the quorum executable (swift build)"))
struct ShutdownTests {
    static let answer = #"{"id":"x","choices":[{"index":0,"message":{"content":"slow answer"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2}}"#

    /// Starts `quorum serve` in front of `upstream` with `grace` seconds; returns it and its port.
    func serve(upstream: String, grace: Double, folder: URL) async throws -> (ChildProcess, Int) {
        let config = folder.appendingPathComponent("serve.yaml")
        try """
            models:
              - {name: slow, provider: openai, base_url: "\(upstream)/v1", model: slow, retries: 0, timeout: 60s}
            """.write(to: config, atomically: true, encoding: .utf8)
        return try await startServe(config, options: ["--shutdown-grace", "\(grace)"])
    }

    func chat(port: Int) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"model":"slow","messages":[{"role":"user","content":"hi"}]}"#))
        return try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    }

    /// How the server ended if it did within `seconds`, polled without blocking a thread.
    func ended(_ process: ChildProcess, within seconds: Double) async throws -> ChildProcess.Termination? {
        for _ in 0..<Int(seconds * 20) {
            if let termination = process.poll() { return termination }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.poll()
    }

    /// Serves in front of an upstream that answers after `delay`, sends one request, and sends
    /// SIGTERM while it is in flight; `check` gets the server process and the request's outcome.
    func terminateDuringRequest(
        upstreamDelay delay: Duration, grace: Double,
        _ check: (ChildProcess, () async throws -> HTTPClientResponse) async throws -> Void
    ) async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-shutdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await StubServer.run([.json(Self.answer, headDelay: delay)]) { upstream in
            let (process, port) = try await serve(upstream: upstream.baseURL, grace: grace, folder: folder)
            defer { process.signalGroup(SIGKILL) }
            let reply = Task { try await chat(port: port) }
            try await Task.sleep(for: .milliseconds(300))
            kill(process.pid, SIGTERM)
            try await check(process) { try await reply.value }
        }
    }

    @Test("a request in flight at SIGTERM gets its answer, then the server exits cleanly")
    func finishesInFlight() async throws {
        try await terminateDuringRequest(upstreamDelay: .seconds(1), grace: 20) { process, reply in
            let response = try await reply()
            #expect(response.status == .ok)
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            #expect(body.contains("slow answer"))
            let termination = try await ended(process, within: 20)
            #expect(termination == .exited(0))
        }
    }

    @Test("a request still running when the grace period ends is cancelled and the server exits")
    func graceEnds() async throws {
        try await terminateDuringRequest(upstreamDelay: .seconds(40), grace: 0.5) { process, reply in
            // Long before the upstream's 40 s: the grace period, then cancellation.
            let termination = try await ended(process, within: 20)
            #expect(termination != nil)
            let answered = (try? await reply())?.status == .ok
            #expect(!answered)
        }
    }
}
