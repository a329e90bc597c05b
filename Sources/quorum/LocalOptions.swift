import ArgumentParser
import Foundation
import QuorumCore
import QuorumProviders

/// The `--models a,b` option shared by the `local` subcommands, and what they all need to act.
struct LocalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Comma-separated catalog names (default: all).", valueName: "a,b"))
    var models: String?

    /// The names given with `--models`, or empty for "every model".
    var modelNames: [String] {
        (models ?? "").isEmpty ? [] : (try? selectedModels().map(\.name)) ?? []
    }

    func validate() throws {
        do {
            _ = try selectedModels()
        } catch let error as QuorumError {
            throw ValidationError(error.message)
        }
    }

    /// The catalog entries selected by `--models` (all of them when it is not given).
    func selectedModels() throws -> [LocalModel] {
        try LocalModelCatalog.standard.models(commaSeparated: models)
    }
}
