import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumStore

/// One cell judged in the browser: `{"judge", "rubric": {"id", "version"}, "cell": {"id",
/// "candidate_sha256", "scores", "flags", "comment"}}`. It is turned into a judging file of that
/// one cell and applied with `RunJudging.apply`, the code behind `quorum judge apply`, so the
/// browser and a file are checked identically and saved to the same store; problems come back
/// with their JSON paths in the posted body (`$.cell.scores.tone`), and a cell with a problem is
/// not saved.
enum BrowserJudgment {
    /// What the page gets back when the cell was saved.
    struct Saved: Encodable, Sendable {
        var saved = true
        var cell: String
        /// Answered cells, and those anyone has judged, after this one.
        var answered: Int
        var judged: Int
    }

    /// What the page gets back when it was not: every problem at its path.
    struct Rejected: Encodable, Sendable, Error {
        var error: String
        var problems: [JudgingProblem]
    }

    static func save(_ body: Data, runID: String, store: any RunStore, now: Date = Date()) async throws -> Result<Saved, Rejected> {
        let file: Data
        switch oneCellFile(body, runID: runID) {
        case .success(let data): file = data
        case .failure(let rejected): return .failure(rejected)
        }
        let judging = RunJudging(store: store)
        let applied: RunJudging.Applied
        do {
            applied = try await judging.apply(file, judge: nil, now: now)
        } catch let error as QuorumError where error.kind == .configuration {
            // The rubric named is not one this run has.
            return .failure(Rejected(error: "not saved", problems: [JudgingProblem(path: "$.rubric", message: error.message)]))
        }
        let problems = applied.problems.map { problem in
            JudgingProblem(path: problem.path.replacingOccurrences(of: "$.cells[0]", with: "$.cell"), message: problem.message)
        }
        guard problems.isEmpty else { return .failure(Rejected(error: "not saved: \(problems.count) problem(s)", problems: problems)) }
        guard applied.applied == 1 else {
            return .failure(Rejected(error: "nothing to save", problems: [
                JudgingProblem(path: "$.cell.scores", message: "empty: give every criterion a score (flags left off count as no)")
            ]))
        }
        let progress = try await judging.progress(runID: runID)
        let cell = (try? JSONDecoder().decode(JSONValue.self, from: body))?["cell"]?["id"]?.stringValue ?? ""
        return .success(Saved(cell: cell, answered: progress?.answered ?? 0, judged: progress?.judged ?? 0))
    }

    /// The body as a judging file holding its one cell, or why it cannot be one.
    static func oneCellFile(_ body: Data, runID: String) -> Result<Data, Rejected> {
        func rejected(_ path: String, _ message: String) -> Result<Data, Rejected> {
            .failure(Rejected(error: "not saved", problems: [JudgingProblem(path: path, message: message)]))
        }
        if let syntax = JSONSyntaxError.find(in: String(decoding: body, as: UTF8.self)) {
            return rejected("$", "not valid JSON: \(syntax)")
        }
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: body) else {
            return rejected("$", "expected an object with judge, rubric and cell")
        }
        guard let cell = root["cell"] else { return rejected("$.cell", "missing: the cell judged (its id, scores and flags)") }
        var file: [String: JSONValue] = [
            "format": .string(JudgingFile.currentFormat), "run": .string(runID), "cells": .array([cell]),
        ]
        file["judge"] = root["judge"]
        file["rubric"] = root["rubric"]
        guard let data = try? JSONEncoder().encode(JSONValue.object(file)) else { return rejected("$", "cannot be read back") }
        return .success(data)
    }
}
