import ArgumentParser
import QuorumCore
import QuorumOrchestration

/// `quorum prompts`: the default prompt of every role, with the placeholders each one fills.
struct Prompts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print Quorum's default prompts and their placeholders.",
        discussion: """
            Override any of them on a system with `prompts: {NAME: "…"}` (for example `refine`, \
            `critique`, `aggregate`, `persona.strict`, `debate.judge`), or give a judge its own \
            `prompt:`, used verbatim with its placeholders filled.
            """)

    @Argument(help: "Print only the prompts whose name starts with this (e.g. `judge`).")
    var name: String?

    @Flag(help: "Print the names and placeholders only.")
    var list = false

    func validate() throws {
        if let name, !DefaultPrompts.all.contains(where: { $0.name.hasPrefix(name) }) {
            let names = DefaultPrompts.all.map(\.name).joined(separator: ", ")
            throw ValidationError("No prompt is named '\(name)…'. Prompts: \(names).")
        }
    }

    func run() async throws {
        for (promptName, text) in DefaultPrompts.all where name.map({ promptName.hasPrefix($0) }) ?? true {
            let placeholders = PlaceholderNames.of(text).map { "{\($0)}" }.joined(separator: " ")
            print("\(promptName)  [\(placeholders.isEmpty ? "no placeholders" : placeholders)]")
            if !list {
                print(text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
                print()
            }
        }
    }
}
