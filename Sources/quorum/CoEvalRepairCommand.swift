import ArgumentParser
import QuorumCoEval
import QuorumCore

struct CoEvalRepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Mark a CoEval run's unreadable records failed and reopen the phases with gaps (never deletes).",
        discussion: """
            A record is unreadable when it is not valid JSON for its phase or would not pass the phase's reply \
            reader today. Each one gets a rejection with its reason and raw record, and its row is set aside \
            (kept in the table, no longer counted as done); `quorum coeval run CONFIG --continue RUN` refills it.
            """)

    @Argument(help: "The CoEval run's id.")
    var runID: String

    @Flag(help: "Only report what would be marked; change nothing.")
    var dryRun = false

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        guard let store = try await options.openCoEvalStore() as? any CoEvalRepairStore else {
            throw QuorumError(.store, "this store cannot repair CoEval runs")
        }
        let repair = try await CoEvalRepair.run(runID, store: store, dryRun: dryRun)
        if options.json { try printJSON(repair) } else { print(repair.renderedTable()) }
    }
}
