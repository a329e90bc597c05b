import ArgumentParser
import QuorumCoEval
import QuorumCore
import QuorumEvaluation

struct CoEvalIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add a real benchmark's items to a CoEval run's phase 3, as the virtual teacher NAME-benchmark.",
        discussion: """
            The items keep their reference answers; `quorum coeval run CONFIG --continue RUN` then has the \
            students answer them and the judges grade them. NAME is a built-in (humaneval, mt-bench, \
            arena-hard-v2, quick-qa) unless --file gives a JSONL/CSV/JSON file, whose fields --map names. \
            Ingesting again adds only items the run lacks.
            """)

    @Argument(help: "The CoEval run's id.")
    var runID: String

    @Option(help: "The benchmark's name: a built-in, or the name the items of --file go under.")
    var benchmark: String

    @Option(help: "A dataset file to read instead of the built-in.")
    var file: String?

    @Option(help: "Fields of --file, e.g. prompt=question,reference=answer (id, prompt, messages, reference, tags, category, system).")
    var map: String?

    @Option(help: "The run's task the items belong to (needed when the run has several).")
    var task: String?

    @Option(help: "At most this many items.")
    var limit: Int?

    @OptionGroup var options: RunsStoreOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if map != nil, file == nil { throw ValidationError("--map names the fields of --file; give --file too") }
        if benchmark.isEmpty || benchmark.contains(".") { throw ValidationError("--benchmark must be non-empty and have no '.'") }
    }

    func run() async throws {
        let ingest = CoEvalBenchmarkIngest(
            benchmark: benchmark, file: file, mapping: try map.map(FieldMapping.init(pairs:)), task: task, limit: limit)
        let result = try await ingest.ingest(into: runID, store: try await options.openCoEvalStore())
        if options.json {
            try printJSON(result)
        } else {
            printError("\(result.source): \(plural(result.added, "item")) added to task \(result.task) as teacher \(result.teacher)"
                + (result.alreadyPresent > 0 ? ", \(result.alreadyPresent) already in run \(result.runID)" : ""))
        }
    }
}
