import Foundation
import Logging
import QuorumCore
import Testing

@testable import QuorumProviders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process table against a stand-in server (a few lines of Python answering `/v1/models`), so the
/// lifecycle is tested without llama.cpp or model weights. The real server: `QuorumLiveTests`.
@Suite("LocalRuntime")
struct LocalRuntimeTests {
    let small = LocalModelCatalog.standard.models[0]

    func runtime(_ home: LocalFakeHome) -> LocalRuntime {
        LocalRuntime(configuration: home.configuration, logger: Logger(label: "test"))
    }

    @Test("says to install the runtime when it is missing")
    func needsRuntime() async throws {
        let home = try LocalFakeHome(withVenv: false)
        defer { home.remove() }
        let error = await #expect(throws: QuorumError.self) {
            try await runtime(home).ensureRunning(models: [small.name])
        }
        #expect(error?.kind == .localRuntime)
        #expect(error?.message.contains("the local runtime is not installed") == true)
    }

    @Test("says which install command to run when a model is missing")
    func needsModel() async throws {
        let home = try LocalFakeHome(server: LocalFakeHome.healthyServer)
        defer { home.remove() }
        let error = await #expect(throws: QuorumError.self) {
            try await runtime(home).ensureRunning(models: [small.name])
        }
        #expect(error?.message.contains("run `quorum local install --models smollm2-135m`") == true)
    }

    @Test("starts a server, finds it from a second runtime, reports it running, and stops it")
    func lifecycle() async throws {
        let home = try LocalFakeHome(portBase: try LocalFakeHome.freePort(), server: LocalFakeHome.healthyServer)
        defer { home.remove() }
        try home.placeWeights(for: small)
        let first = runtime(home)
        let urls = try await first.ensureRunning(models: [small.name])
        let port = home.configuration.portBase
        #expect(urls == [small.name: URL(string: "http://127.0.0.1:\(port)/v1")!])
        let record = try #require(ServerRecord.read(model: small.name, from: home.configuration.runDirectory))
        #expect(record.port == port)

        // The next command: a new runtime over the same home reuses the running server.
        let second = runtime(home)
        #expect(try await second.ensureRunning(models: [small.name]) == urls)
        #expect(ServerRecord.read(model: small.name, from: home.configuration.runDirectory)?.pid == record.pid)
        let status = await second.status(of: small)
        #expect(status.state == .running)
        #expect(status.pid == record.pid)

        #expect(try await second.stop(models: [small.name]) == [small.name])
        #expect(kill(record.pid, 0) != 0)
        #expect(ServerRecord.read(model: small.name, from: home.configuration.runDirectory) == nil)
        #expect(await second.status(of: small).state == .stopped)
        #expect(try await second.stop(models: [small.name]) == [])
    }

    @Test("refuses a port another program holds, naming the port and the way out")
    func portClash() async throws {
        let holder = try LocalPortHolder()
        defer { holder.release() }
        let home = try LocalFakeHome(portBase: holder.port, server: LocalFakeHome.healthyServer)
        defer { home.remove() }
        try home.placeWeights(for: small)
        let error = await #expect(throws: QuorumError.self) {
            try await runtime(home).ensureRunning(models: [small.name])
        }
        #expect(error?.description.contains("model 'smollm2-135m': port \(holder.port) is already in use") == true)
        #expect(error?.message.contains("QUORUM_LOCAL_PORT_BASE") == true)
        #expect(ServerRecord.read(model: small.name, from: home.configuration.runDirectory) == nil)
    }

    @Test("reports a server that dies while starting, with the end of its log")
    func crashWhileStarting() async throws {
        let home = try LocalFakeHome(portBase: try LocalFakeHome.freePort(), server: LocalFakeHome.crashingServer)
        defer { home.remove() }
        try home.placeWeights(for: small)
        let error = await #expect(throws: QuorumError.self) {
            try await runtime(home).ensureRunning(models: [small.name])
        }
        #expect(error?.message.contains("exited while starting") == true)
        #expect(error?.message.contains("corrupt GGUF header") == true)
        #expect(ServerRecord.read(model: small.name, from: home.configuration.runDirectory) == nil)
    }

    @Test("treats a PID file whose process is not a llama.cpp server as stale and never signals it")
    func stalePIDFile() async throws {
        let home = try LocalFakeHome()
        defer { home.remove() }
        try ServerRecord(model: small.name, pid: getpid(), port: 18081).write(to: home.configuration.runDirectory)
        #expect(await runtime(home).status(of: small).state == .stopped)
        #expect(ServerRecord.read(model: small.name, from: home.configuration.runDirectory) == nil)
        #expect(try await runtime(home).stop() == [])
    }
}
