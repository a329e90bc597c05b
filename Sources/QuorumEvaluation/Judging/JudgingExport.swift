import Foundation
import QuorumCore
import QuorumProviders
import QuorumStore

/// Makes the judging file of a run: one cell per answered (system, item), with what it was asked,
/// its answer, and empty score fields (or the judge's own earlier scores, so exporting again and
/// applying the file changes nothing).
public enum JudgingExport {
    /// The file for `items` of `run`, judged with `rubric`.
    ///
    /// `existing` are the run's stored judgments. A human judgment counts for a cell only when it
    /// used this rubric (same label) and judged the cell's current answer (same SHA-256): a stale
    /// one leaves the cell pending. `judge` names the person the file is for: their judged cells
    /// come pre-filled. `pendingOnly` leaves out cells already judged (by `judge` when given,
    /// else by anyone).
    public static func file(
        run: RunRecord, items: [ItemRecord], rubric: RubricConfig, existing: [Judgment], judge: String?, pendingOnly: Bool
    ) -> JudgingFile {
        // A grid's item ids are `PROMPT/SCENARIO` and its systems are its models.
        let isGrid = run.snapshotConfig?.experiment?.grid != nil
        let criteria = rubric.criteria.map(\.name)
        let flags = (rubric.flags ?? []).map(\.name)
        let judge = judge.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let human = Dictionary(grouping: existing.filter { $0.kind == .human && $0.rubric == rubric.label }) {
            JudgingFile.Cell.id(system: $0.system, item: $0.itemID)
        }
        var cells: [JudgingFile.Cell] = []
        for item in items where item.status == .answered {
            guard let answer = item.answer else { continue }
            let digest = TextDigest.sha256(answer)
            let current = (human[JudgingFile.Cell.id(system: item.system, item: item.itemID)] ?? []).filter { $0.candidateSHA256 == digest }
            let own = judge.flatMap { name in current.first { $0.judge == name } }
            if pendingOnly, judge == nil ? !current.isEmpty : own != nil { continue }
            let split = isGrid ? gridParts(of: item.itemID) : nil
            cells.append(JudgingFile.Cell(
                system: item.system, item: item.itemID, model: isGrid ? item.system : nil, prompt: split?.prompt,
                scenario: split?.scenario, inputs: inputs(of: item), candidate: answer, candidateSHA256: digest,
                scores: Dictionary(uniqueKeysWithValues: criteria.map { ($0, own?.scores[$0]) }),
                flags: Dictionary(uniqueKeysWithValues: flags.map { ($0, own?.flags[$0]) }), comment: own?.comment))
        }
        return JudgingFile(run: run.id, rubric: resolved(rubric), instructions: instructions, judge: judge ?? "", cells: cells)
    }

    /// What a person holding the file is asked to do.
    public static let instructions = """
        Judge each cell's candidate answer to its inputs with the rubric above. Write your name in \
        "judge". For each cell you judge, give every criterion in "scores" a whole number within its \
        scale (the anchors say what a score means), set every flag in "flags" to true or false, and \
        optionally write a "comment". Leave a cell's scores, flags and comment all null to skip it; \
        a cell filled only in part is not applied. Do not edit ids, inputs, candidates or \
        candidate_sha256. Applying the file again changes nothing; applying another file never \
        removes scores of cells it does not contain.
        """

    /// `PROMPT/SCENARIO` split at the first `/`; `nil` when there is none.
    static func gridParts(of itemID: String) -> (prompt: String, scenario: String)? {
        guard let slash = itemID.firstIndex(of: "/") else { return nil }
        return (String(itemID[..<slash]), String(itemID[itemID.index(after: slash)...]))
    }

    /// The messages of the first call made to answer, else the item's prompt as one user turn.
    static func inputs(of item: ItemRecord) -> [ChatMessage] {
        item.trace?.calls.first { $0.role == .answer }?.messages ?? [.user(item.prompt)]
    }

    /// `rubric` with every criterion's scale written out and flags present, so the file shows them.
    static func resolved(_ rubric: RubricConfig) -> RubricConfig {
        var rubric = rubric
        for index in rubric.criteria.indices {
            rubric.criteria[index].scale = [rubric.criteria[index].low, rubric.criteria[index].high]
        }
        rubric.flags = rubric.flags ?? []
        return rubric
    }
}
