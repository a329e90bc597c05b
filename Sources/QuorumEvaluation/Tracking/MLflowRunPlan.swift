import Foundation
import QuorumCore
import QuorumStore

/// Maps a stored Quorum run to the MLflow runs that represent it: a parent run, a child per
/// system, and (with `perItem`) a grandchild per item. Pure: no network, so tests check it directly.
struct MLflowRunPlan {
    var run: RunRecord
    var items: [ItemRecord]
    var options: MLflowLogOptions

    /// The parent first, then the systems, then the items, so every parent exists before its children.
    func specs() -> [MLflowRunSpec] {
        let summary = RunSummary(run: run, items: items)
        let timestamp = Self.milliseconds(run.updatedAt)
        var specs = [parent(summary, timestamp: timestamp)]
        for system in summary.systems { specs.append(child(system, measure: summary.measure, timestamp: timestamp)) }
        // A grid's cells are what people compare and judge: each is its own MLflow run.
        let grid = run.snapshotConfig.flatMap { GridLogging(config: $0, scores: options.cellScores) }
        if options.perItem || grid != nil {
            specs += items.filter { $0.status != .pending }.map { item in
                var spec = itemSpec(item)
                grid?.annotate(&spec, item: item)
                return spec
            }
        }
        return specs
    }

    var runStatus: MLflowRunStatus {
        switch run.status {
        case .completed: .finished
        case .stopped: .killed
        case .running: .running
        }
    }

    var endTime: Int64? {
        run.status == .running ? nil : Self.milliseconds(run.finishedAt ?? run.updatedAt)
    }

    func parent(_ summary: RunSummary, timestamp: Int64) -> MLflowRunSpec {
        var spec = MLflowRunSpec(
            scope: .run, name: "\(run.name) \(run.id)", startTime: Self.milliseconds(run.createdAt), endTime: endTime,
            status: runStatus)
        spec.params = ConfigParams.flatten(snapshot: run.configSnapshot) + runParams + [
            MLflowKeyValue("quorum.systems", run.systems.joined(separator: ",")),
        ]
        spec.tags = commonTags + [MLflowKeyValue("quorum.status", run.status.rawValue)]
        if let reason = run.stopReason { spec.tags.append(MLflowKeyValue("quorum.stop_reason", reason)) }
        let totals = summary.systems
        let figures: [(String, Double)] = [
            ("cost_answer_usd", totals.map(\.answerCost.doubleValue).reduce(0, +)),
            ("cost_judge_usd", totals.map(\.judgeCost.doubleValue).reduce(0, +)),
            ("cost_total_usd", totals.map(\.totalCost.doubleValue).reduce(0, +)),
            ("items", Double(totals.map(\.items).reduce(0, +))), ("answered", Double(totals.map(\.answered).reduce(0, +))),
            ("failed", Double(totals.map(\.failed).reduce(0, +))), ("pending", Double(totals.map(\.pending).reduce(0, +))),
        ]
        spec.metrics = figures.map { MLflowMetric(key: $0.0, value: $0.1, timestamp: timestamp) }
        // Every system's figures on the parent too, grouped by system in MLflow's chart view.
        for system in totals {
            spec.metrics += Self.metrics(of: system, measure: summary.measure, timestamp: timestamp).map {
                MLflowMetric(key: "\(system.system)/\($0.key)", value: $0.value, timestamp: timestamp)
            }
        }
        spec.artifacts = [
            MLflowArtifact(path: "results/items.jsonl", data: Self.jsonLines(items), contentType: "application/x-ndjson"),
            MLflowArtifact(path: "config.json", data: Data(run.configSnapshot.utf8), contentType: "application/json"),
            MLflowArtifact(path: "summary.json", data: Self.json(summary), contentType: "application/json"),
        ]
        if let report = options.reportHTML {
            spec.artifacts.append(MLflowArtifact(path: "report.html", data: report, contentType: "text/html"))
        }
        return spec
    }

    func child(_ system: SystemSummary, measure: QualityMeasure?, timestamp: Int64) -> MLflowRunSpec {
        let own = items.filter { $0.system == system.system }
        let allFailed = system.items > 0 && system.failed == system.items
        var spec = MLflowRunSpec(
            scope: .system(system.system), parent: .run, name: system.system,
            startTime: Self.milliseconds(run.createdAt), endTime: endTime, status: allFailed ? .failed : runStatus)
        spec.params = runParams + [MLflowKeyValue("quorum.system", system.system)]
            + ConfigParams.system(system.system, snapshot: run.configSnapshot)
        spec.tags = commonTags + [
            MLflowKeyValue("quorum.system", system.system),
            MLflowKeyValue("quorum.baseline", String(system.system == (run.baseline ?? run.systems.first))),
        ]
        spec.metrics = Self.metrics(of: system, measure: measure, timestamp: timestamp)
        spec.artifacts = [
            MLflowArtifact(path: "results/items.jsonl", data: Self.jsonLines(own), contentType: "application/x-ndjson")
        ]
        return spec
    }

    func itemSpec(_ item: ItemRecord) -> MLflowRunSpec {
        let end = Self.milliseconds(item.updatedAt)
        let start = end - Int64(((item.latency ?? 0) * 1000).rounded())
        var spec = MLflowRunSpec(
            scope: .item(system: item.system, item: item.itemID), parent: .system(item.system), name: item.itemID,
            startTime: start, endTime: end, status: item.status == .answered ? .finished : .failed)
        let category = options.categories[item.itemID]
        spec.params = [
            MLflowKeyValue("quorum.item", item.itemID), MLflowKeyValue("quorum.system", item.system),
            MLflowKeyValue("quorum.run_id", run.id),
        ] + (category.map { [MLflowKeyValue("category", $0)] } ?? [])
        spec.tags = commonTags + [
            MLflowKeyValue("quorum.item", item.itemID), MLflowKeyValue("quorum.system", item.system),
            MLflowKeyValue("quorum.item_status", item.status.rawValue),
        ] + (category.map { [MLflowKeyValue("category", $0)] } ?? [])
            + (item.note.map { [MLflowKeyValue("quorum.note", $0)] } ?? [])
        var values: [(String, Double?)] = [
            ("success", (item.passed ?? (item.status == .answered)) ? 1 : 0),
            ("answer_length", item.answer.map { Double($0.count) } ?? 0),
            ("cost_usd", item.totalCost.doubleValue), ("cost_answer_usd", item.answerCost.doubleValue),
            ("cost_judge_usd", item.judgeCost.doubleValue), ("score", item.score), ("latency_s", item.latency),
            ("level", item.level.map { Double($0) }),
        ]
        values = values.filter { $0.1 != nil }
        spec.metrics = values.map { MLflowMetric(key: $0.0, value: $0.1!, timestamp: end) }
        spec.trace = TraceSpans(runID: run.id, item: item).request()
        return spec
    }

    /// A system's quality, cost, latency, escalation and failure figures.
    static func metrics(of system: SystemSummary, measure: QualityMeasure?, timestamp: Int64) -> [MLflowMetric] {
        let quality = measure == .meanScore ? system.meanScore : (system.accuracy ?? system.meanScore)
        var values: [(String, Double?)] = [
            ("quality", quality), ("accuracy", system.accuracy), ("accuracy_ci_lower", system.accuracyInterval?.lower),
            ("accuracy_ci_upper", system.accuracyInterval?.upper), ("mean_score", system.meanScore),
            ("cost_answer_usd", system.answerCost.doubleValue), ("cost_judge_usd", system.judgeCost.doubleValue),
            ("cost_total_usd", system.totalCost.doubleValue), ("cost_per_item_usd", system.costPerItem?.doubleValue),
            ("cost_relative_to_baseline", system.costRelativeToBaseline),
            ("latency_p50_s", system.latencyP50), ("latency_p95_s", system.latencyP95),
            ("items", Double(system.items)), ("answered", Double(system.answered)), ("failed", Double(system.failed)),
            ("pending", Double(system.pending)), ("scored", Double(system.scored)),
        ]
        for (level, share) in system.funnel.sorted(by: { $0.key < $1.key }) { values.append(("escalation_level_\(level)", share)) }
        for (reason, count) in system.reasons.sorted(by: { $0.key < $1.key }) { values.append(("failures_\(reason)", Double(count))) }
        return values.compactMap { key, value in value.map { MLflowMetric(key: key, value: $0, timestamp: timestamp) } }
    }

    var runParams: [MLflowKeyValue] {
        [
            MLflowKeyValue("quorum.run_id", run.id), MLflowKeyValue("quorum.dataset", run.dataset),
            MLflowKeyValue("quorum.scoring", run.scoring ?? "none"),
            MLflowKeyValue("quorum.baseline", run.baseline ?? run.systems.first ?? ""),
        ]
    }

    var commonTags: [MLflowKeyValue] {
        var tags = [
            MLflowKeyValue("quorum.run_id", run.id), MLflowKeyValue("quorum.dataset", run.dataset),
            MLflowKeyValue("quorum.experiment", run.name), MLflowKeyValue("mlflow.source.name", "quorum"),
        ]
        if let version = options.quorumVersion { tags.append(MLflowKeyValue("quorum.version", version)) }
        if let commit = options.gitCommit { tags.append(MLflowKeyValue("mlflow.source.git.commit", commit)) }
        return tags
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func jsonLines(_ items: [ItemRecord]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let lines = items.compactMap { try? encoder.encode(ExportedItem($0)) }.map { String(decoding: $0, as: UTF8.self) }
        return Data((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8)
    }

    static func json(_ summary: RunSummary) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(summary)) ?? Data("{}".utf8)
    }
}
