import Foundation
import Logging
import QuorumCore
import QuorumStore

/// Logs stored Quorum runs to MLflow: the experiment, a parent run per Quorum run, a child per
/// system and optionally a grandchild per item, with params, metrics, tags, artifacts and traces.
///
/// Logging reads only the store, so it works the same right after a run and days later
/// (`quorum mlflow sync`). It is idempotent: MLflow runs are found again by their `quorum.run_id`
/// and `quorum.scope` tags, runs whose `quorum.fingerprint` matches are skipped, and metrics are
/// logged at the Quorum run's own timestamps so logging twice adds nothing.
public struct MLflowTracker: Sendable {
    public var client: MLflowClient
    public var options: MLflowLogOptions
    /// Item runs logged at once.
    public var concurrency: Int
    public var logger: Logger

    public init(client: MLflowClient, options: MLflowLogOptions = MLflowLogOptions(), concurrency: Int = 4, logger: Logger) {
        self.client = client
        self.options = options
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Logs the run `runID` of `store`. Throws `QuorumError(.store)` when the store has no such run,
    /// and the client's errors when MLflow cannot be reached or refuses (after retries).
    public func sync(runID: String, store: any RunStore) async throws -> MLflowSyncReport {
        guard let run = try await store.run(runID) else {
            throw QuorumError(.store, "no run '\(runID)' in this store; `quorum runs` lists them")
        }
        return try await sync(run, items: try await store.items(ofRun: runID))
    }

    /// Logs `run` and its `items`.
    public func sync(_ run: RunRecord, items: [ItemRecord]) async throws -> MLflowSyncReport {
        let name = options.experiment ?? run.name
        let experimentID = try await client.experimentID(named: name)
        let existing = try await client.searchRuns(
            experimentID: experimentID, filter: "tags.`quorum.run_id` = '\(run.id.replacingOccurrences(of: "'", with: "\\'"))'")
        var found: [String: MLflowRun] = [:]
        for mlflowRun in existing { if let scope = mlflowRun.data.tag("quorum.scope") { found[scope] = mlflowRun } }
        logger.info(
            "logging run to MLflow",
            metadata: ["run": "\(run.id)", "experiment": "\(name)", "known_runs": "\(found.count)"])

        let specs = MLflowRunPlan(run: run, items: items, options: options).specs()
        var report = MLflowSyncReport(
            trackingURI: client.trackingURI, experimentID: experimentID, experimentName: name, parentRunID: "",
            systemRunIDs: [:], created: 0, updated: 0, unchanged: 0, traces: 0, tracesAsArtifacts: 0)
        var ids: [String: String] = [:]
        let context = Context(experimentID: experimentID, found: found)
        for spec in specs where !spec.isItem {
            let result = try await apply(spec, parentID: spec.parent.flatMap { ids[$0.key] }, context: context)
            ids[spec.scope.key] = result.runID
            report.add(result)
        }
        report.parentRunID = ids[MLflowRunSpec.Scope.run.key] ?? ""
        for spec in specs { if case .system(let system) = spec.scope { report.systemRunIDs[system] = ids[spec.scope.key] } }
        let itemSpecs = specs.filter(\.isItem)
        let parents = ids
        try await BoundedConcurrency.forEach(itemSpecs, limit: concurrency) { spec in
            try await self.apply(spec, parentID: spec.parent.flatMap { parents[$0.key] }, context: context)
        } collect: { result in
            report.add(result)
        }
        return report
    }

    struct Context: Sendable {
        var experimentID: String
        var found: [String: MLflowRun]
    }

    /// What logging one spec did.
    struct Applied: Sendable {
        enum Outcome: Sendable { case created, updated, unchanged }
        var runID: String
        var outcome: Outcome
        var trace: TraceOutcome?
    }

    enum TraceOutcome: Sendable { case sent, artifact }

    /// Creates (or finds) the MLflow run of `spec` and logs everything into it; the fingerprint tag
    /// and the final status go last, so a sync cut short is completed by the next one.
    func apply(_ spec: MLflowRunSpec, parentID: String?, context: Context) async throws -> Applied {
        let fingerprint = spec.fingerprint
        let existing = context.found[spec.scope.key]
        if let existing, existing.data.tag("quorum.fingerprint") == fingerprint,
            existing.info.status == spec.status
        {
            return Applied(runID: existing.info.runID, outcome: .unchanged)
        }
        var identity = [MLflowKeyValue("quorum.scope", spec.scope.key)] + spec.tags.filter { $0.key == "quorum.run_id" }
        if let parentID { identity.append(MLflowKeyValue("mlflow.parentRunId", parentID)) }
        let info: MLflowRunInfo
        if let existing {
            info = existing.info
        } else {
            info = try await client.createRun(
                experimentID: context.experimentID, name: spec.name, startTime: spec.startTime, tags: identity)
        }
        try await client.logBatch(runID: info.runID, metrics: spec.metrics, params: spec.params, tags: spec.tags)
        for artifact in spec.artifacts {
            try await client.uploadArtifact(artifact.data, to: artifact.path, of: info, contentType: artifact.contentType)
        }
        var traceOutcome: TraceOutcome?
        if let trace = spec.trace { traceOutcome = try await logTrace(trace, run: info, experimentID: context.experimentID) }
        try await client.logBatch(runID: info.runID, tags: [MLflowKeyValue("quorum.fingerprint", fingerprint)])
        try await client.updateRun(info.runID, status: spec.status, endTime: spec.endTime)
        return Applied(runID: info.runID, outcome: existing == nil ? .created : .updated, trace: traceOutcome)
    }

    /// Sends the trace to the OpenTelemetry endpoint; a server without one gets it as `trace.json`.
    func logTrace(_ trace: JSONValue, run: MLflowRunInfo, experimentID: String) async throws -> TraceOutcome {
        do {
            try await client.logTrace(trace, experimentID: experimentID, runID: run.runID)
            return .sent
        } catch let error as QuorumError where [404, 405, 501].contains(error.httpStatus ?? 0) {
            logger.debug("MLflow has no trace endpoint; storing the trace as an artifact", metadata: ["run": "\(run.runID)"])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try await client.uploadArtifact(
                try encoder.encode(trace), to: "trace.json", of: run, contentType: "application/json")
            return .artifact
        }
    }
}

extension MLflowRunSpec {
    var isItem: Bool {
        if case .item = scope { return true }
        return false
    }
}

extension MLflowSyncReport {
    mutating func add(_ applied: MLflowTracker.Applied) {
        switch applied.outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
        switch applied.trace {
        case .sent: traces += 1
        case .artifact: tracesAsArtifacts += 1
        case nil: break
        }
    }
}
