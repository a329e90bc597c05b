import ArgumentParser
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore

struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one item of a run with its trace tree.")

    @Argument(help: "The run id.")
    var runID: String

    @Argument(help: "The dataset item id.")
    var itemID: String

    @Option(help: "Only this system (default: every system of the run).")
    var system: String?

    @OptionGroup var options: RunsStoreOptions

    func run() async throws {
        let store = try await options.openStore()
        guard let record = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        try refuseCoEvalRun(record, instead: "quorum coeval report \(runID)")
        var items: [ItemRecord] = []
        for name in record.systems where system == nil || system == name {
            if let item = try await store.item(ofRun: runID, system: name, itemID: itemID) { items.append(item) }
        }
        guard !items.isEmpty else { throw QuorumError(.store, "run \(runID) has no item '\(itemID)'") }
        if options.json {
            try printJSON(items)
            return
        }
        for item in items {
            print("\(item.system) · \(item.itemID) · \(item.status.rawValue)")
            print("  prompt: \(item.prompt)")
            if let reference = item.reference { print("  reference: \(reference)") }
            if let answer = item.answer { print("  answer: \(answer)") }
            var facts = ["cost \(item.totalCost.formatted) (answer \(item.answerCost.formatted), judge \(item.judgeCost.formatted))"]
            if let score = item.score { facts.append("score \(score)") }
            if let level = item.level { facts.append("level \(level)") }
            if let latency = item.latency { facts.append("latency \(String(format: "%.2fs", latency))") }
            print("  " + facts.joined(separator: " · "))
            if let note = item.note { print("  note: \(note)") }
            if let trace = item.trace { print(TracePrinter().render(trace)) }
            print("")
        }
    }
}
