import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// One blind A/B choice posted from the pairwise page: `{"judge", "a", "b", "item", "choice"}`,
/// the choice from answer 1's side (`1>>2` … `2>>1`). The server knows which system answer 1 was
/// (`PositionDraw`) and stores the game as a `PairwiseVerdict` under `human:NAME`, in the order
/// it was shown, next to LLM judges' games.
enum BrowserPairwise {
    struct Saved: Encodable, Sendable {
        var saved = true
        var item: String
        /// This person's games of the pair so far, from `system`'s side.
        var system: String
        var baseline: String
        var wins: Int
        var ties: Int
        var losses: Int
    }

    static func save(_ body: Data, runID: String, store: any RunStore, now: Date = Date()) async throws
        -> Result<Saved, BrowserJudgment.Rejected>
    {
        var problems: [JudgingProblem] = []
        func problem(_ path: String, _ message: String) { problems.append(JudgingProblem(path: path, message: message)) }
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            let syntax = JSONSyntaxError.find(in: String(decoding: body, as: UTF8.self))
            return .failure(BrowserJudgment.Rejected(error: "not saved", problems: [
                JudgingProblem(path: "$", message: syntax.map { "not valid JSON: \($0)" } ?? "expected an object with judge, a, b, item and choice")
            ]))
        }
        guard let verdicts = store as? any PairwiseVerdictStore, let run = try await store.run(runID) else {
            throw ViewNotFound("no run '\(runID)' in a store that keeps pairwise verdicts")
        }
        let judge = root["judge"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if judge.isEmpty { problem("$.judge", "missing: the name of the person judging") }
        let names = ["a", "b"].map { key -> String in
            let name = root[key]?.stringValue ?? ""
            if !run.systems.contains(name) {
                problem("$.\(key)", "run \(runID) has no system '\(name)' (it has \(run.systems.joined(separator: ", ")))")
            }
            return name
        }
        if names[0] == names[1], !names[0].isEmpty { problem("$.b", "the same system as $.a: pick two different systems") }
        let itemID = root["item"]?.stringValue ?? ""
        let choiceText = root["choice"]?.stringValue
        let label = PairwiseDesk.choices.first { $0.choice == choiceText }?.label
        if label == nil {
            problem("$.choice", "expected one of \(PairwiseDesk.choices.map(\.choice).joined(separator: ", ")), found \(choiceText.map { "'\($0)'" } ?? "none")")
        }
        let (system, baseline) = PairwiseDesk.pair(names[0], names[1], baseline: run.baseline)
        if problems.isEmpty {
            let answered = try await store.items(ofRun: runID).filter { $0.itemID == itemID && $0.status == .answered }.map(\.system)
            if !answered.contains(system) || !answered.contains(baseline) {
                problem("$.item", "item '\(itemID)' is not answered by both \(system) and \(baseline) in run \(runID)")
            }
        }
        guard problems.isEmpty, let label else { return .failure(BrowserJudgment.Rejected(error: "not saved", problems: problems)) }
        let systemFirst = PositionDraw.systemFirst(run: runID, judge: judge, item: itemID, system: system, baseline: baseline)
        try await verdicts.save(PairwiseVerdict.human(
            judge, runID: runID, system: system, baseline: baseline, itemID: itemID, order: systemFirst ? .systemFirst : .baselineFirst,
            label: label, at: now))
        let mine = try await verdicts.pairwiseVerdicts(ofRun: runID).filter {
            $0.judge == PairwiseVerdict.humanJudgePrefix + judge && $0.system == system && $0.baseline == baseline
        }
        let preferences = mine.compactMap { $0.labelForSystem?.preference }
        return .success(Saved(
            item: itemID, system: system, baseline: baseline, wins: preferences.count { $0 > 0 }, ties: preferences.count { $0 == 0 },
            losses: preferences.count { $0 < 0 }))
    }
}
