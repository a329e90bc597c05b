import Foundation
import Logging
import QuorumCore
import QuorumProviders
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
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

        let (data, response) = try await URLSession.shared.data(from: baseURL.appendingPathComponent("models"))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("\"\(model.name)\""))

        let answer = try await Self.ask("What is 2 + 2? Reply with the number only.", at: baseURL)
        #expect(answer.text.isEmpty == false)
        #expect(answer.completionTokens > 0)

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
        #expect(error?.message.contains("port \(port) for \(model.name) is already in use") == true)
    }

    // MARK: - Helpers

    /// One non-streamed chat call; returns the answer and the completion tokens the server counted.
    static func ask(_ prompt: String, at baseURL: URL) async throws -> (text: String, completionTokens: Int) {
        var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let body: [String: Any] = [
            "messages": [["role": "user", "content": prompt]], "max_tokens": 16, "temperature": 0,
        ]
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, _) = try await URLSession.shared.data(for: request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let choices = try #require(object["choices"] as? [[String: Any]])
        let message = try #require(choices.first?["message"] as? [String: Any])
        let usage = try #require(object["usage"] as? [String: Any])
        return ((message["content"] as? String) ?? "", (usage["completion_tokens"] as? Int) ?? 0)
    }

    static func freePort() throws -> Int {
        let (descriptor, port) = try holdPort()
        close(descriptor)
        return port
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
