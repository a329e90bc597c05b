import Foundation
import QuorumCore
import QuorumStore

/// What a grid cell's MLflow run carries besides an item's figures: the model, prompt version and
/// scenario as params, the prompt and the candidate as artifacts, `judge_pending` until a person
/// has scored it, and every judge's rubric scores as metrics (`human.composite`, `llm.relevance`).
struct GridLogging {
    var prompts: [String: PromptVersionConfig]
    var scores: [String: [CellScore]]

    /// `nil` for a run that is not a grid.
    init?(config: QuorumConfig, scores: [CellScore]) {
        guard config.experiment?.grid != nil else { return nil }
        prompts = Dictionary(config.prompts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.scores = Dictionary(grouping: scores) { "\($0.system)\u{1F}\($0.itemID)" }
    }

    func annotate(_ spec: inout MLflowRunSpec, item: ItemRecord) {
        guard let key = GridCellKey(itemID: item.itemID) else { return }
        spec.params += [
            MLflowKeyValue("model", item.system), MLflowKeyValue("prompt", key.prompt),
            MLflowKeyValue("prompt_version", prompts[key.prompt]?.version ?? "–"), MLflowKeyValue("scenario", key.scenario),
        ]
        let own = scores["\(item.system)\u{1F}\(item.itemID)"] ?? []
        spec.tags.append(MLflowKeyValue("judge_pending", String(!own.contains { $0.source == .human })))
        let timestamp = spec.endTime ?? spec.startTime
        for source in CellScore.Source.allCases {
            let judged = own.filter { $0.source == source }
            guard !judged.isEmpty else { continue }
            var values = ["composite": judged.map(\.composite)]
            for score in judged {
                for (name, value) in score.criteria { values[name, default: []].append(value) }
                for (name, set) in score.flags { values[name, default: []].append(set ? 1 : 0) }
            }
            spec.metrics += values.sorted { $0.key < $1.key }.map { name, list in
                MLflowMetric(key: "\(source.rawValue).\(name)", value: list.reduce(0, +) / Double(list.count), timestamp: timestamp)
            }
        }
        let conversation = item.trace?.calls.first { $0.role == .answer }?.messages ?? [.user(item.prompt)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        spec.artifacts += [
            MLflowArtifact(path: "prompt.json", data: (try? encoder.encode(conversation)) ?? Data(), contentType: "application/json"),
            MLflowArtifact(path: "candidate.txt", data: Data((item.answer ?? "").utf8), contentType: "text/plain"),
        ]
    }
}
