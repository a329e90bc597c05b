import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import QuorumCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The local runtime's process table: starts, finds, health-checks and stops one llama.cpp server per model.
///
/// Servers outlive the process that started them (the next `quorum` command finds them through their PID
/// files), so the table on disk is the truth; this actor serialises access to it within a process and
/// makes concurrent `ensureRunning` calls for one model share a single start. A file lock does the same
/// across processes.
public actor LocalRuntime {
    public nonisolated let configuration: LocalRuntimeConfiguration
    public nonisolated let catalog: LocalModelCatalog
    /// Used for health checks only; defaults to AsyncHTTPClient's shared client, which needs no shutdown.
    private let httpClient: HTTPClient
    private let logger: Logger
    /// Starts in progress in this process, keyed by model name.
    private var starting: [String: Task<URL, any Error>] = [:]

    public init(
        configuration: LocalRuntimeConfiguration, catalog: LocalModelCatalog = .standard,
        httpClient: HTTPClient = .shared,
        logger: Logger
    ) {
        self.configuration = configuration
        self.catalog = catalog
        self.httpClient = httpClient
        self.logger = logger
    }

    /// Makes sure a server runs for each of `names` (catalog names), starting the missing ones in parallel,
    /// and returns each one's OpenAI-compatible base URL (`http://127.0.0.1:PORT/v1`). Servers stay up
    /// after this process ends; `stop` ends them. Throws `.localRuntime` when a model or the runtime is
    /// not installed, a port is taken, or a server fails to come up.
    public func ensureRunning(models names: [String]) async throws -> [String: URL] {
        guard !names.isEmpty else { return [:] }
        let models = try catalog.models(named: names)
        return try await withThrowingTaskGroup(of: (String, URL).self) { group in
            for model in models {
                group.addTask { (model.name, try await self.ensureRunning(model)) }
            }
            var urls: [String: URL] = [:]
            for try await (name, url) in group { urls[name] = url }
            return urls
        }
    }

    /// The base URL of `model`'s server, starting it first if it is not running.
    public func ensureRunning(_ model: LocalModel) async throws -> URL {
        if let inFlight = starting[model.name] { return try await inFlight.value }
        let task = Task { try await self.startIfNeeded(model) }
        starting[model.name] = task
        defer { starting[model.name] = nil }
        return try await task.value
    }

    /// The state of every catalog model's server.
    public func status() async -> [LocalServerStatus] {
        var result: [LocalServerStatus] = []
        for model in catalog.models {
            result.append(await status(of: model))
        }
        return result
    }

    /// The state of `model`'s server.
    public func status(of model: LocalModel) async -> LocalServerStatus {
        let installed = configuration.hasWeights(for: model)
        guard let record = liveRecord(for: model) else {
            return LocalServerStatus(
                model: model.name, isInstalled: installed, state: .stopped, pid: nil, port: configuration.port(for: model))
        }
        let healthy = await isHealthy(model, port: record.port)
        return LocalServerStatus(
            model: model.name, isInstalled: installed, state: healthy ? .running : .unresponsive, pid: record.pid,
            port: record.port)
    }

    /// Stops the servers of `names` (every catalog model when empty): SIGTERM, then SIGKILL after
    /// `grace` seconds. Returns the names of the servers that were running and are now stopped.
    @discardableResult
    public func stop(models names: [String] = [], grace: Double = 10) async throws -> [String] {
        var stopped: [String] = []
        // Each model's embedding server goes with it.
        for model in try catalog.models(named: names).flatMap({ [$0, $0.embeddingServer] }) {
            if let inFlight = starting[model.name] { _ = try? await inFlight.value }
            guard let record = liveRecord(for: model) else { continue }
            logger.info("stopping local server", metadata: ["model": "\(model.name)", "pid": "\(record.pid)"])
            ServerProcess.send(SIGTERM, to: record.pid)
            if !(await waitForExit(record.pid, seconds: grace)) {
                logger.warning(
                    "local server ignored SIGTERM; killing it", metadata: ["model": "\(model.name)", "pid": "\(record.pid)"])
                ServerProcess.send(SIGKILL, to: record.pid)
                _ = await waitForExit(record.pid, seconds: 5)
            }
            ServerRecord.remove(model: model.name, from: configuration.runDirectory)
            stopped.append(model.name)
        }
        return stopped
    }

    // MARK: - Starting

    private func startIfNeeded(_ model: LocalModel) async throws -> URL {
        try FileManager.default.createDirectory(at: configuration.runDirectory, withIntermediateDirectories: true)
        let lockPath = configuration.runDirectory.appendingPathComponent("\(model.name).lock").path
        let lock = try await FileLock(path: lockPath, timeout: configuration.startTimeout + 30)
        defer { lock.release() }

        if let record = liveRecord(for: model) {
            // Running already (perhaps still loading, started by another command): wait for it to answer.
            try await waitUntilHealthy(model, record: record)
            return configuration.baseURL(for: model, port: record.port)
        }
        try checkInstalled(model)
        let port = configuration.port(for: model)
        guard PortProbe.isFree(port) else {
            throw QuorumError(
                .localRuntime,
                "port \(port) is already in use by another program; stop it, or choose other ports"
                    + " with QUORUM_LOCAL_PORT_BASE (now \(configuration.portBase))",
                context: ["model": model.name, "port": "\(port)"])
        }
        let log = configuration.serverLog(for: model)
        try FileManager.default.createDirectory(at: configuration.logsDirectory, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: log)
        let pid = try ServerProcess.spawn(configuration.serverArguments(for: model), log: log)
        let record = ServerRecord(model: model.name, pid: pid, port: port)
        try record.write(to: configuration.runDirectory)
        logger.info("started local server", metadata: ["model": "\(model.name)", "pid": "\(pid)", "port": "\(port)"])
        do {
            try await waitUntilHealthy(model, record: record)
        } catch {
            ServerProcess.send(SIGKILL, to: pid)
            _ = await waitForExit(pid, seconds: 5)
            ServerRecord.remove(model: model.name, from: configuration.runDirectory)
            throw error
        }
        return configuration.baseURL(for: model, port: port)
    }

    private func checkInstalled(_ model: LocalModel) throws {
        guard FileManager.default.isExecutableFile(atPath: configuration.serverProgram.path) else {
            throw QuorumError(
                .localRuntime,
                "the local runtime is not installed in \(configuration.home.path); run `quorum local install`",
                context: ["model": model.name])
        }
        guard configuration.hasWeights(for: model) else {
            throw QuorumError(
                .localRuntime,
                "not installed; run `quorum local install --models \(model.name)`",
                context: ["model": model.name])
        }
    }

    private func waitUntilHealthy(_ model: LocalModel, record: ServerRecord) async throws {
        let log = configuration.serverLog(for: model)
        let deadline = ContinuousClock.now + .seconds(configuration.startTimeout)
        while true {
            guard ServerProcess.isAlive(record.pid) else {
                ServerRecord.remove(model: model.name, from: configuration.runDirectory)
                throw QuorumError(
                    .localRuntime,
                    "the server exited while starting; last lines of \(log.path):\n"
                        + CommandRunner.tail(of: log),
                    context: ["model": model.name])
            }
            if await isHealthy(model, port: record.port) { return }
            guard ContinuousClock.now < deadline else {
                throw QuorumError(
                    .timeout,
                    "the server did not answer on port \(record.port) within"
                        + " \(Int(configuration.startTimeout))s; see \(log.path)",
                    context: ["model": model.name])
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    // MARK: - Probing

    /// The PID record of `model` if its process is alive and is a llama.cpp server; stale records are removed.
    private func liveRecord(for model: LocalModel) -> ServerRecord? {
        guard let record = ServerRecord.read(model: model.name, from: configuration.runDirectory) else { return nil }
        guard ServerProcess.isAlive(record.pid), ServerProcess.isLlamaServer(record.pid, kind: configuration.server) else {
            ServerRecord.remove(model: model.name, from: configuration.runDirectory)
            return nil
        }
        return record
    }

    /// Whether `/v1/models` on `port` answers 200 within five seconds and lists `model` (generous: on a
    /// loaded 2-core machine an idle server has been seen to take over two seconds to answer).
    private func isHealthy(_ model: LocalModel, port: Int) async -> Bool {
        // Nothing listening yet: say so at once. An HTTP request would sit in the client's connection
        // pool, which retries refused connections with backoff until the request's deadline.
        guard !PortProbe.isFree(port) else { return false }
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/models")
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            return response.status == .ok && String(buffer: body).contains("\"\(model.name)\"")
        } catch {
            return false
        }
    }

    private func waitForExit(_ pid: Int32, seconds: Double) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if !ServerProcess.isAlive(pid) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return !ServerProcess.isAlive(pid)
    }
}
