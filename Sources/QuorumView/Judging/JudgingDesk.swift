import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// What the judging page needs for one person: the run's rubric with its anchors, and every
/// answered cell as `quorum judge export` would write it for them (their earlier scores filled
/// in). Embedded in the page as JSON; `GET /api/runs/RUN/judging/NAME` serves the same value.
struct JudgingDesk: Encodable, Sendable {
    struct Criterion: Encodable, Sendable {
        var name: String
        var description: String
        var low: Int
        var high: Int
        /// Score → what an answer with it looks like, low to high.
        var anchors: [Anchor]
    }

    struct Anchor: Encodable, Sendable {
        var score: Int
        var text: String
    }

    struct Flag: Encodable, Sendable {
        var name: String
        var description: String
    }

    struct RubricHeader: Encodable, Sendable {
        var id: String
        var version: String?
        var label: String
    }

    var run: String
    var judge: String
    var rubric: RubricHeader
    var criteria: [Criterion]
    var flags: [Flag]
    var cells: [JudgingFile.Cell]
    /// Answered cells, and those anyone has judged.
    var answered: Int
    var judgedByAnyone: Int
    /// Where the page posts each cell.
    var post: String

    /// The desk of `judge` for run `runID`; throws `ViewNotFound` for a run that is not there or
    /// was not started with a rubric.
    static func load(run runID: String, judge: String, from store: any RunStore) async throws -> JudgingDesk {
        guard try await store.run(runID) != nil else { throw ViewNotFound("no run '\(runID)' in this store") }
        let judging = RunJudging(store: store)
        guard let progress = try await judging.progress(runID: runID) else {
            throw ViewNotFound("run \(runID) was not started with a rubric, so there is nothing to judge it by")
        }
        let file = try await judging.export(runID: runID, judge: judge, pendingOnly: false)
        let rubric = try Rubric(file.rubric)
        return JudgingDesk(
            run: runID, judge: judge, rubric: RubricHeader(id: rubric.id, version: rubric.version, label: rubric.label),
            criteria: rubric.criteria.map { criterion in
                Criterion(
                    name: criterion.name, description: criterion.description, low: criterion.scale.lowerBound,
                    high: criterion.scale.upperBound,
                    anchors: criterion.anchors.sorted { $0.key < $1.key }.map { Anchor(score: $0.key, text: $0.value) })
            },
            flags: rubric.flags.map { Flag(name: $0.name, description: $0.description) }, cells: file.cells,
            answered: progress.answered, judgedByAnyone: progress.judged,
            post: "/api/runs/\(ViewQuery.segment(runID))/judgments")
    }
}
