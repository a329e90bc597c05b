import ArgumentParser
import Foundation

/// How a command that failed unexpectedly ends: one sentence naming the command and what it
/// kept, instead of a library's raw error or a trap; `--debug` adds the error's full detail.
///
/// Errors from Quorum's own modules are already sentences a user reads (`QuorumError`,
/// `ConfigValidationError`, `DatasetProblem`…) and ArgumentParser's are usage errors: both are
/// printed as they are. Anything else — a database, decoding or network error nobody turned
/// into a sentence — is what this type handles.
struct CommandFailure {
    /// The command as typed, e.g. `quorum coeval run`.
    var command: String
    /// What the command had stored before it stopped, and how to go on.
    var kept: String

    /// The failure of the command `arguments` name (the subcommand words, options ignored).
    init(arguments: [String]) {
        var path: [String] = []
        var commands = Quorum.configuration.subcommands
        for argument in arguments {
            guard let next = commands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            commands = next.configuration.subcommands
        }
        command = (["quorum"] + path).joined(separator: " ")
        kept = Self.kept[path.first ?? ""] ?? "nothing was changed"
    }

    /// What each top-level command keeps when it stops early.
    static let kept: [String: String] = [
        "run": "every item answered before it is stored; `quorum run --continue RUN` resumes without repeating a paid call",
        "compare": "every verdict judged before it is stored; running `quorum compare` again resumes without paying twice",
        "coeval": "every finished unit is stored; running it again resumes",
        "serve": "every trace served before it is stored",
        "mlflow": "what was logged stays in MLflow; `quorum mlflow sync` again completes it",
        "local": "installed files are kept; `quorum local status` shows the state",
        "bench": "nothing outside the benchmark's own store was changed",
    ]

    /// Whether `error` is a sentence already: Quorum's own errors and ArgumentParser's.
    static func isExpected(_ error: any Error) -> Bool {
        let type = String(reflecting: Swift.type(of: error))
        return type.hasPrefix("Quorum") || type.hasPrefix("quorum.") || type.hasPrefix("ArgumentParser.")
    }

    /// The sentence for an unexpected `error`.
    func sentence(for error: any Error) -> String {
        "\(command) stopped on an unexpected internal error (\(Self.kind(of: error))); \(kept). "
            + "Run it again with --debug for the detail."
    }

    /// A short name for the error's kind: its type, without module or generic noise.
    static func kind(of error: any Error) -> String {
        let name = String(describing: Swift.type(of: error))
        return name.split(separator: "<").first.map(String.init) ?? name
    }

    /// Everything known about `error`, for `--debug`.
    static func detail(of error: any Error) -> String {
        "\(String(reflecting: Swift.type(of: error))): \(String(reflecting: error))"
    }
}
