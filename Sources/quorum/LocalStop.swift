import ArgumentParser
import QuorumProviders

struct LocalStop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop the model servers (SIGTERM, then SIGKILL after 10 seconds).")

    @OptionGroup var options: LocalOptions

    func run() async throws {
        let stopped = try await LocalSetup.runtime().stop(models: options.modelNames)
        if stopped.isEmpty {
            print("no local server was running")
        }
        for name in stopped {
            print("\(LocalSetup.column(name)) stopped")
        }
    }
}
