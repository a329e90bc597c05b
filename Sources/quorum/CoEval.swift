import ArgumentParser
import QuorumCoEval
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// `quorum coeval …`: benchmarks written by teachers, answered by students, graded by judges.
///
/// A command type is named by its words, as every command's is (`Run`, `LocalStart`, `CoEvalExport`);
/// `plan`, `status` and `report` add `Command` because their words name QuorumCoEval's own types.
struct CoEval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coeval",
        abstract: "Build a benchmark with models: teachers write items, students answer, judges grade (CoEval).",
        subcommands: [
            CoEvalRun.self, CoEvalPlanCommand.self, CoEvalStatusCommand.self, CoEvalExport.self,
            CoEvalReportCommand.self, CoEvalIngest.self, CoEvalProbeCommand.self, CoEvalDescribeCommand.self,
            CoEvalRepairCommand.self, CoEvalGenerateCommand.self,
        ])
}

/// Experiment commands (`show`, `export`, `compare`) have nothing to say about a CoEval run, whose
/// artifacts are not (system, item) pairs: name the command that does.
func refuseCoEvalRun(_ run: RunRecord, instead command: String) throws {
    guard CoEvalResults.isCoEvalRun(run) else { return }
    throw QuorumError(.invalidRequest, "run \(run.id) is a CoEval run; use `\(command)`")
}
