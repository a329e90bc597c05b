import Foundation
import Logging
import QuorumCore
import QuorumProviders
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local runtime against the real llama.cpp server and SmolLM2-135M. Runs only with `QUORUM_LIVE=1`.
///
/// Uses the installed runtime and weights under `$QUORUM_HOME` (`make test` installs them first; if they
/// are missing the first test installs them), but keeps its own PID directory and ports, so it never
/// touches servers a user started.
@Suite("LocalRuntime (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct LocalRuntimeLiveTests {
    let model = LocalModelCatalog.standard.models[0]
    let logger = Logger(label: "live-test")

    /// The user's home and installs, with a private PID directory and the given port base.
    func configuration(portBase: Int, runDirectory: URL) throws -> LocalRuntimeConfiguration {
        var configuration = try LocalRuntimeConfiguration(environment: ProcessInfo.processInfo.environment)
        configuration.portBase = portBase
        configuration.runDirectory = runDirectory
        return configuration
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a second install finds the runtime and the model in place and downloads nothing")
    func installIsSkippedWhenInstalled() async throws {
        let run = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let installer = LocalInstaller(configuration: try configuration(portBase: 28081, runDirectory: run), logger: logger)
        _ = try await installer.install(models: [model])
        let again = try await installer.install(models: [model])
        #expect(again.map(\.name) == ["runtime", model.name])
        #expect(again.allSatisfy { $0.outcome == .alreadyInstalled })
        #expect(again.map(\.seconds).reduce(0, +) < 30)
    }

    @Test("starts the server, answers a question through it, reuses it, and stops it")
    func startAnswerStop() async throws {
        let run = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let port = try Self.freePort()
        let runtime = LocalRuntime(configuration: try configuration(portBase: port, runDirectory: run), logger: logger)
        let urls = try await runtime.ensureRunning(models: [model.name])
        let baseURL = try #require(urls[model.name])
        #expect(baseURL.absoluteString == "http://127.0.0.1:\(port)/v1")
        let pid = try #require(await runtime.status(of: model).pid)
        #expect(await runtime.status(of: model).state == .running)

        // The path `quorum ask` takes: the catalog entry through the OpenAI-compatible client.
        let entry = try LocalModelCatalog.standard.modelConfig(named: model.name, in: nil)
        let chatModel = try ModelFactory(httpClient: .shared, logger: logger).makeModel(entry, baseURLOverride: baseURL)
        let request = ChatRequest(
            prompt: "What is 2 + 2? Reply with the number only.", parameters: GenerationParameters(temperature: 0, maxTokens: 16))
        let answer = try await chatModel.complete(request)
        #expect(answer.text.isEmpty == false)
        #expect(answer.usage.completionTokens > 0)
        #expect(answer.cost == model.notionalPrice.cost(of: answer.usage))
        var pieces = 0
        var streamed: Completion?
        for try await delta in chatModel.stream(request) {
            if !delta.text.isEmpty { pieces += 1 }
            if let completion = delta.completion { streamed = completion }
        }
        let final = try #require(streamed)
        #expect(pieces > 1)
        #expect(final.text == answer.text)
        #expect(final.usage.completionTokens == answer.usage.completionTokens)
        #expect((final.timeToFirstToken ?? .infinity) < final.latency)

        #expect(try await runtime.ensureRunning(models: [model.name]) == urls)
        #expect(await runtime.status(of: model).pid == pid)

        #expect(try await runtime.stop(models: [model.name]) == [model.name])
        #expect(kill(pid, 0) != 0)
        #expect(await runtime.status(of: model).state == .stopped)
    }

    @Test("refuses to start on a port another program holds")
    func portClash() async throws {
        let run = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: run) }
        let (descriptor, port) = try Self.holdPort()
        defer { close(descriptor) }
        let runtime = LocalRuntime(configuration: try configuration(portBase: port, runDirectory: run), logger: logger)
        let error = await #expect(throws: QuorumError.self) { try await runtime.ensureRunning(models: [model.name]) }
        #expect(error?.description.contains("model '\(model.name)': port \(port) is already in use") == true)
    }

    // MARK: - Helpers

    /// A free port below the ephemeral range, where outgoing connections cannot take it meanwhile.
    static func freePort() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            if PortProbe.isFree(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Listens on an ephemeral 127.0.0.1 port; returns the socket and the port.
    static func holdPort() throws -> (Int32, Int) {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(ok)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
