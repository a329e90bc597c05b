import QuorumCore
import QuorumStore

extension CoEvalRunner {
    /// Phase 1: each teacher proposes attributes for each task that has `auto` ones. Tasks whose
    /// attributes are all written in YAML get them stored as the merged map, with no call.
    func attributeUnits(_ session: CoEvalSession) async throws -> [CoEvalUnit] {
        let stored = try await store.coevalArtifacts(ofRun: session.runID).attributes.map { (task: $0.task, teacher: $0.teacher) }
        return try await proposalUnits(
            .attributeMapping, session: session, stored: stored,
            given: { task in
                setup.asksForAttributes(task) ? nil : CoEvalAttributeMap(
                    task: task.name, target: Self.attributes(task.targetAttributes), nuanced: Self.attributes(task.nuancedAttributes))
            },
            unit: { attributeUnit($0, teacher: $1, runID: session.runID) })
    }

    private func attributeUnit(_ task: CoEvalTaskConfig, teacher: String, runID: String) -> CoEvalUnit {
        proposalUnit(.attributeMapping, task: task, teacher: teacher, runID: runID, schema: CoEvalSchemas.attributes) {
            (reply: String) throws(CoEvalReplyProblem) in
            let proposal = try CoEvalReplies.attributes(reply)
            return CoEvalAttributeMap(task: task.name, teacher: teacher, target: proposal.target, nuanced: proposal.nuanced)
        }
    }

    /// Stores, for each `auto` task, the union of the teachers' proposals (values in first-seen
    /// order); attributes written in YAML take precedence over proposed ones.
    func mergeAttributes(_ session: CoEvalSession) async throws {
        let artifacts = try await store.coevalArtifacts(ofRun: session.runID)
        for task in setup.tasks where setup.asksForAttributes(task) {
            let proposals = artifacts.attributes.filter { $0.task == task.name && $0.teacher != nil }
                .sorted { setup.teacherOrder($0.teacher) < setup.teacherOrder($1.teacher) }
            guard !proposals.isEmpty else { continue }
            let target = task.targetAttributes?.given.map { Self.attributes(.given($0)) } ?? Self.union(proposals.map(\.target))
            let nuanced = task.nuancedAttributes?.given.map { Self.attributes(.given($0)) } ?? Self.union(proposals.map(\.nuanced))
            let merged = CoEvalAttributeMap(task: task.name, target: target, nuanced: nuanced)
            guard !artifacts.attributes.contains(merged) else { continue }
            try await store.saveCoEvalArtifact(merged, runID: session.runID, phase: .attributeMapping, id: task.name, task: task.name, model: nil)
        }
    }

    static func attributes(_ config: CoEvalAttributesConfig?) -> [CoEvalAttribute] {
        (config?.given ?? []).map { CoEvalAttribute(name: $0.name, values: $0.values) }
    }

    /// Attributes by name across proposals, each name once, values unioned in first-seen order.
    static func union(_ lists: [[CoEvalAttribute]]) -> [CoEvalAttribute] {
        var merged: [CoEvalAttribute] = []
        for attribute in lists.joined() {
            let key = ReplyJSON.normalized(attribute.name)
            if let index = merged.firstIndex(where: { ReplyJSON.normalized($0.name) == key }) {
                for value in attribute.values where !merged[index].values.contains(value) { merged[index].values.append(value) }
            } else {
                merged.append(attribute)
            }
        }
        return merged
    }
}
