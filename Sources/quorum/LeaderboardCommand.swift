import ArgumentParser
import QuorumEvaluation

/// `quorum leaderboard RUN`: rubric scores per (model, prompt), people and LLM judges apart.
struct LeaderboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaderboard",
        abstract: "Rank a run's (model, prompt) cells by their rubric scores, with bootstrap CIs over scenarios.")

    @Argument(help: "The run id (`quorum runs` lists them).")
    var runID: String

    @OptionGroup var store: RunsStoreOptions

    func run() async throws {
        let board = try await RunJudging(store: try await store.openStore()).leaderboard(runID: runID)
        if store.json { try printJSON(board) } else { print(board.renderedTable()) }
    }
}
