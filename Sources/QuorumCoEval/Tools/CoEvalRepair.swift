import Foundation
import QuorumCore
import QuorumEvaluation

/// `quorum coeval repair RUN`: finds stored artifacts that cannot be read — the record is not valid
/// JSON for its phase, or what it holds would not pass the phase's own reply reader today — marks
/// each failed (a rejection with the reason and the raw record) and sets the row aside, so the
/// phase has a gap that `--continue` refills. Nothing is deleted; `dryRun` only reports.
public struct CoEvalRepair: Sendable, Hashable, Codable {
    public struct Finding: Sendable, Hashable, Codable {
        public var phase: CoEvalPhase
        public var id: String
        public var model: String
        public var reason: String
    }

    public var runID: String
    public var findings: [Finding]
    /// Phases that now have gaps (empty on a dry run or when nothing was wrong).
    public var reopened: [CoEvalPhase]
    public var dryRun: Bool

    /// Scans the run; unless `dryRun`, records each finding and reopens the run (status `stopped`).
    public static func run(_ runID: String, store: any CoEvalRepairStore, dryRun: Bool) async throws -> CoEvalRepair {
        guard let run = try await store.run(runID), run.dataset == CoEvalSetup.datasetMarker else {
            throw QuorumError(.store, "no CoEval run '\(runID)' in this store; `quorum runs` lists them")
        }
        var findings: [Finding] = []
        for row in try await store.coevalArtifactRows(ofRun: runID) {
            guard let phase = CoEvalPhase(rawValue: row.phase), let problem = problem(in: row, phase: phase) else { continue }
            findings.append(Finding(phase: phase, id: row.id, model: row.model, reason: problem))
        }
        guard !dryRun, !findings.isEmpty else {
            return CoEvalRepair(runID: runID, findings: findings, reopened: [], dryRun: dryRun)
        }
        let rows = Dictionary(
            try await store.coevalArtifactRows(ofRun: runID).map { ("\($0.phase)|\($0.id)", $0) }, uniquingKeysWith: { first, _ in first })
        let attempts = try await store.coevalRejections(ofRun: runID).reduce(into: [String: Int]()) { next, rejection in
            let key = "\(rejection.phase.rawValue)|\(rejection.unitID)"
            next[key] = max(next[key] ?? 0, rejection.attempt + 1)
        }
        for finding in findings {
            let key = "\(finding.phase.rawValue)|\(finding.id)"
            // A merged map or rubric is not a unit: it is rebuilt from the proposals, so it only moves aside.
            if !finding.model.isEmpty {
                let raw = rows[key].map { String(decoding: $0.record, as: UTF8.self) }
                try await store.saveCoEvalRejection(
                    CoEvalRejection(
                        phase: finding.phase, unitID: finding.id, attempt: attempts[key] ?? 0, model: finding.model, kind: .failed,
                        reason: "repair: \(finding.reason)", reply: raw.map { String($0.prefix(4000)) }),
                    runID: runID)
            }
            _ = try await store.setAsideCoEvalArtifact(runID: runID, phase: finding.phase, id: finding.id)
        }
        let reopened = Array(Set(findings.map(\.phase))).sorted()
        var state = try await store.coevalState(ofRun: runID)
        state.reopened = Array(Set((state.reopened ?? []) + reopened.map(\.rawValue))).sorted()
        try await store.saveCoEvalState(state, ofRun: runID)
        try await store.updateRun(
            runID, status: .stopped,
            stopReason: "repair marked \(findings.count) unreadable record(s) failed; --continue refills them")
        return CoEvalRepair(runID: runID, findings: findings, reopened: reopened, dryRun: false)
    }

    /// Why `row` cannot be used, or `nil`: it must decode as its phase's artifact, and a model's
    /// artifact must pass the reader its phase reads replies with.
    static func problem(in row: CoEvalArtifactRecord, phase: CoEvalPhase) -> String? {
        let decoder = JSONDecoder()
        do {
            switch phase {
            case .attributeMapping:
                let map = try decoder.decode(CoEvalAttributeMap.self, from: row.record)
                guard map.teacher != nil else { return nil }
                _ = try CoEvalReplies.attributes(reply([
                    "target_attributes": pairs(map.target.map { ($0.name, JSONValue.array($0.values.map(JSONValue.string))) }),
                    "nuanced_attributes": pairs(map.nuanced.map { ($0.name, JSONValue.array($0.values.map(JSONValue.string))) }),
                ]))
            case .rubricMapping:
                let rubric = try decoder.decode(CoEvalRubric.self, from: row.record)
                guard rubric.teacher != nil else { return nil }
                _ = try CoEvalReplies.rubric(json(pairs(rubric.criteria.map { ($0.name, .string($0.description)) })))
            case .dataGeneration:
                let item = try decoder.decode(CoEvalItem.self, from: row.record)
                _ = try CoEvalReplies.item(reply(["prompt": .string(item.prompt), "reference_response": .string(item.referenceResponse)]))
            case .responseCollection:
                let response = try decoder.decode(CoEvalResponse.self, from: row.record)
                if response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "empty reply" }
            case .evaluation:
                let evaluation = try decoder.decode(CoEvalEvaluation.self, from: row.record)
                let names = evaluation.scores.keys.sorted()
                _ = try CoEvalReplies.grades(
                    json(pairs(names.map { ($0, .string(evaluation.scores[$0]!.rawValue)) })),
                    criteria: names.isEmpty ? ["any"] : names)
            }
            return nil
        } catch let problem as CoEvalReplyProblem {
            return problem.message
        } catch {
            return "the stored record is not a \(phase.key) artifact: \(String(describing: error).prefix(160))"
        }
    }

    private static func pairs(_ list: [(String, JSONValue)]) -> JSONValue {
        .object(Dictionary(list, uniquingKeysWith: { first, _ in first }))
    }

    private static func reply(_ fields: [String: JSONValue]) -> String {
        json(.object(fields))
    }

    private static func json(_ value: JSONValue) -> String {
        var text = ""
        JSONWriter.write(value, into: &text)
        return text
    }

    public func renderedTable() -> String {
        guard !findings.isEmpty else { return "run \(runID): every stored record reads; nothing to repair" }
        var text = TextTable(
            header: ["phase", "id", "model", "reason"],
            rows: findings.map { ["\($0.phase)", $0.id, $0.model.isEmpty ? "(merged)" : $0.model, $0.reason] }
        ).rendered()
        text += dryRun
            ? "\n\(findings.count) unreadable record(s); --dry-run: nothing changed"
            : "\n\(findings.count) record(s) marked failed and set aside (not deleted); reopened: "
                + reopened.map(\.description).joined(separator: ", ")
        return text
    }
}
