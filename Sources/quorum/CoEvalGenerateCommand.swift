import ArgumentParser
import Foundation
import Logging
import QuorumCoEval
import QuorumCore
import QuorumRuntime
import QuorumStore

struct CoEvalGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Run phases 1-2 (attributes, rubric) and write the config back with them as static YAML.",
        discussion: """
            Every `auto` attribute list and rubric is replaced by what the teachers proposed (merged), so the \
            written config loads and validates as a static one: later runs ask no teacher for them.
            """)

    @Argument(help: "The YAML configuration with models (roles), tasks: and coeval:.")
    var config: String

    @Option(name: .shortAndLong, help: "Where to write the materialized config.")
    var out = "materialized.yaml"

    @Option(help: "The run store (default: coeval.store, else the experiment's, else quorum.db here).")
    var store: String?

    func run() async throws {
        let config = try loadConfig(self.config)
        let setup = try CoEvalSetup(config: config)
        let store = try await StoreLocation.resolveCoEval(flag: self.store, config: config).openCoEvalStore()
        let source = try String(contentsOfFile: self.config, encoding: .utf8)
        let result = try await Assembly.with(config, for: setup.teachers, connections: setup.concurrency, logger: LocalSetup.logger()) {
            assembly in
            try await CoEvalMaterializer(setup: setup, store: store, models: assembly.models).materialize(source)
        }
        do {
            try result.yaml.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw QuorumError(.store, "cannot write \(out): \(error.localizedDescription)", context: ["file": out])
        }
        printError("phases 1-2 ran as run \(result.runID); materialized config written to \(out)")
    }
}
