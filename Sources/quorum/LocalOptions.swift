import ArgumentParser
import Foundation
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
        (models ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        for name in modelNames where !LocalModelCatalog.standard.names.contains(name) {
            throw ValidationError(
                "unknown local model '\(name)'; choose from \(LocalModelCatalog.standard.names.joined(separator: ", "))")
        }
    }

    /// The catalog entries selected by `--models`.
    func selectedModels() throws -> [LocalModel] {
        try LocalModelCatalog.standard.models(named: modelNames)
    }
}

