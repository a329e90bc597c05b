import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting

@testable import QuorumEvaluation

/// A run of systems `small` and `large` over items q0…q3, judged with tip-v1: every pair answered
/// (with the messages it was given in its trace) except `large::q2`, which failed.
struct JudgingFixture {
    let temporary: TemporaryStore
    let runID: String
    let rubric = RubricConfig.tipExample
    var store: SQLiteRunStore { temporary.store }

    init() async throws {
        temporary = try TemporaryStore()
        runID = try await temporary.createRun(items: arithmeticItems(4), systems: ["small", "large"])
        for var item in try await temporary.store.items(ofRun: runID) {
            guard item.system != "large" || item.itemID != "q2" else {
                item.status = .failed
                try await temporary.store.save(item)
                continue
            }
            try await answer(item.system, item.itemID, "\(item.system) says \(item.itemID)")
        }
    }

    /// Saves `text` as the pair's answer (again: a continued run that changed it).
    func answer(_ system: String, _ itemID: String, _ text: String) async throws {
        var item = try await store.item(ofRun: runID, system: system, itemID: itemID)!
        let call = CallRecord(key: "answer", model: system, role: .answer, messages: [.system("Be brief."), .user(item.prompt)], response: text)
        item.status = .answered
        item.answer = text
        item.trace = TraceNode(kind: .system, label: system, children: [TraceNode(kind: .call, label: system, call: call)])
        try await store.save(item)
    }

    func items() async throws -> [ItemRecord] { try await store.items(ofRun: runID) }

    func export(judge: String?, pendingOnly: Bool = false) async throws -> JudgingFile {
        JudgingExport.file(
            run: try await store.run(runID)!, items: try await items(), rubric: rubric,
            existing: try await store.judgments(ofRun: runID), judge: judge, pendingOnly: pendingOnly)
    }

    /// Checks `data` against the run as it is now.
    func check(_ data: Data, judge: String? = nil, at seconds: TimeInterval = 1_800_000_000) async throws -> JudgingCheck {
        JudgingApply.check(data: data, items: try await items(), rubric: rubric, judge: judge, now: Date(timeIntervalSince1970: seconds))
    }
}

extension JudgingFile {
    /// Fills cell `id` with relevance, actionability and tone, and the two flags.
    mutating func fill(_ id: String, _ scores: (Double, Double, Double), formatOK: Bool, overlong: Bool, comment: String? = nil) {
        let index = cells.firstIndex { $0.id == id }!
        cells[index].scores = ["relevance": scores.0, "actionability": scores.1, "tone": scores.2]
        cells[index].flags = ["format_ok": formatOK, "overlong": overlong]
        cells[index].comment = comment
    }

    /// The file as the JSON objects a person edits: the top level and each cell.
    func editable() throws -> (root: [String: JSONValue], cells: [[String: JSONValue]]) {
        let root = try JSONDecoder().decode([String: JSONValue].self, from: encoded())
        return (root, root["cells"]!.arrayValue!.map { $0.objectValue! })
    }
}

/// The JSON of an edited file.
func judgingData(_ root: [String: JSONValue], cells: [[String: JSONValue]]) throws -> Data {
    var root = root
    root["cells"] = .array(cells.map(JSONValue.object))
    return try JSONEncoder().encode(JSONValue.object(root))
}
