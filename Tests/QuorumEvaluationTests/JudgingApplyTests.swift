import Foundation
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumProviders

/// Applying judging files: every problem reported with its JSON path, valid cells applied, and
/// nothing already applied ever lost.
@Suite("Judging files: apply")
struct JudgingApplyTests {
    /// File A, by ana: small::q0, large::q0 and small::q1 judged, the rest left empty.
    static func fileA(_ fixture: JudgingFixture) async throws -> JudgingFile {
        var file = try await fixture.export(judge: nil)
        file.judge = "ana"
        file.fill("small::q0", (5, 4, 3), formatOK: true, overlong: false, comment: "clear")
        file.fill("large::q0", (3, 3, 3), formatOK: true, overlong: true)
        file.fill("small::q1", (1, 2, 1), formatOK: false, overlong: false)
        return file
    }

    @Test("a filled file becomes judgments with the composite; empty cells are skipped")
    func appliesFilledCells() async throws {
        let fixture = try await JudgingFixture()
        let check = try await fixture.check(try await Self.fileA(fixture).encoded())
        #expect(check.problems == [])
        #expect(check.skippedCells == ["large::q1", "small::q2", "small::q3", "large::q3"])
        #expect(check.valid.map(\.itemID) == ["q0", "q0", "q1"] && check.valid.map(\.composite) == [14, 10, 4])
        let first = try #require(check.valid.first)
        #expect(first.judge == "ana" && first.kind == .human && first.rubric == "tip-v1@1" && first.comment == "clear")
        #expect(first.scores == ["relevance": 5, "actionability": 4, "tone": 3] && first.flags == ["format_ok": true, "overlong": false])
        #expect(first.candidateSHA256 == TextDigest.sha256("small says q0") && first.judgedAt == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test("applying the same file again changes nothing, not even when it was judged")
    func reapplyingChangesNothing() async throws {
        let fixture = try await JudgingFixture()
        let data = try await Self.fileA(fixture).encoded()
        try await fixture.store.saveJudgments(try await fixture.check(data).valid)
        let stored = try await fixture.store.judgments(ofRun: fixture.runID)
        let again = try await fixture.check(data, at: 1_900_000_000)
        #expect(again.tally(against: stored) == { var tally = JudgingTally(); tally.unchanged = 3; return tally }())
        try await fixture.store.saveJudgments(again.valid)
        #expect(try await fixture.store.judgments(ofRun: fixture.runID) == stored)
        // Exported again for ana, the file comes pre-filled: applying it changes nothing either.
        let reexported = try await fixture.export(judge: "ana")
        try await fixture.store.saveJudgments(try await fixture.check(reexported.encoded(), at: 2_000_000_000).valid)
        #expect(try await fixture.store.judgments(ofRun: fixture.runID) == stored)
    }

    @Test("a bad and partial file: every problem named by its JSON path, its valid cells applied, nothing of file A lost")
    func badFileKeepsWhatWasApplied() async throws {
        let fixture = try await JudgingFixture()
        try await fixture.store.saveJudgments(try await fixture.check(try await Self.fileA(fixture).encoded()).valid)
        let fromA = try await fixture.store.judgments(ofRun: fixture.runID)

        var exported = try await fixture.export(judge: "ana")
        exported.fill("large::q1", (4, 4, 4), formatOK: true, overlong: false)
        exported.fill("small::q3", (2, 3, 4), formatOK: true, overlong: false)
        exported.fill("large::q3", (2, 3, 4), formatOK: true, overlong: false)
        var (root, cells) = try exported.editable()
        func at(_ id: String) -> Int { cells.firstIndex { $0["id"] == .string(id) }! }
        let (c1, c2, c3, c4, c5) = (at("small::q0"), at("large::q0"), at("small::q1"), at("large::q1"), at("small::q2"))
        let c6 = at("large::q3")
        cells[c6]["candidate"] = "a better answer than the one given"
        cells[c1]["scores"] = ["relevance": 7, "actionability": 4, "tone": 3, "relevnce": 3]
        cells[c2]["scores"] = ["relevance": 3, "actionability": "3", "tone": 3.5]
        cells[c2]["flags"] = ["format_ok": true, "overlong": "maybe"]
        cells[c3]["scores"] = ["relevance": 2, "actionability": 2, "tone": 2]
        cells[c5]["scores"] = ["relevance": 4, "actionability": nil, "tone": nil]
        cells[c5]["comment"] = "unsure"
        cells.append(cells[c1].merging(["id": "small::q9"]) { $1 })
        cells.append(cells[c2])
        // The run goes on after the export: large::q1's answer changes under the file.
        try await fixture.answer("large", "q1", "large says something else")
        let check = try await fixture.check(try judgingData(root, cells: cells))

        let problems = check.problems.map(\.description)
        let expected = [
            "$.cells[\(c1)].scores.relevance: must be between 1 and 5, found 7",
            "$.cells[\(c1)].scores.relevnce: rubric tip-v1@1 has no criterion 'relevnce' (did you mean 'relevance'?)",
            "$.cells[\(c2)].flags.overlong: expected true or false, found the text \"maybe\"",
            "$.cells[\(c2)].scores.actionability: expected a whole number from 1 to 5, found the text \"3\"",
            "$.cells[\(c2)].scores.tone: expected a whole number from 1 to 5, found 3.5",
            "$.cells[\(c4)].candidate_sha256: the candidate changed since the file was exported; export again to judge the new answer",
        ] + ["scores.actionability", "scores.tone", "flags.format_ok", "flags.overlong"].map {
            "$.cells[\(c5)].\($0): missing: the cell is partly filled (fill every score and flag, or leave the whole cell empty to skip it)"
        } + [
            "$.cells[\(c6)].candidate: the candidate was edited in the file; judge the answer as exported",
            "$.cells[7].id: run \(fixture.runID) has no answered cell 'small::q9'",
            "$.cells[7].scores.relevance: must be between 1 and 5, found 7",
            "$.cells[7].scores.relevnce: rubric tip-v1@1 has no criterion 'relevnce' (did you mean 'relevance'?)",
            "$.cells[8].flags.overlong: expected true or false, found the text \"maybe\"",
            "$.cells[8].id: cell 'large::q0' is also at $.cells[\(c2)]; neither is applied",
            "$.cells[8].scores.actionability: expected a whole number from 1 to 5, found the text \"3\"",
            "$.cells[8].scores.tone: expected a whole number from 1 to 5, found 3.5",
        ]
        #expect(problems.sorted() == expected.sorted())
        #expect(check.valid.map(\.itemID) == ["q1", "q3"] && check.valid.map(\.system) == ["small", "small"])
        let stored = try await fixture.store.judgments(ofRun: fixture.runID)
        #expect(check.tally(against: stored) == { var tally = JudgingTally(); tally.added = 1; tally.changed = 1; return tally }())

        try await fixture.store.saveJudgments(check.valid)
        let after = try await fixture.store.judgments(ofRun: fixture.runID)
        #expect(after.count == 4)
        #expect(after.filter { $0.itemID == "q0" } == fromA.filter { $0.itemID == "q0" })
        #expect(after.first { $0.system == "small" && $0.itemID == "q1" }?.composite == 6)
        #expect(after.first { $0.itemID == "q3" }?.scores == ["relevance": 2, "actionability": 3, "tone": 4])
    }

    @Test("a file that is not JSON is refused with the line and column of the mistake")
    func malformedJSON() async throws {
        let fixture = try await JudgingFixture()
        let text = "{\n  \"format\": \"quorum-judging/1\",\n  \"cells\": [\n    {\"id\": \"small::q0\" \"scores\": {}}\n  ]\n}\n"
        let check = try await fixture.check(Data(text.utf8))
        #expect(check.problems.map(\.description) == [
            "$: not valid JSON: line 4, column 24: expected ',' or '}' after a member, found '\"'"
        ])
        #expect(check.valid.isEmpty)
    }

    @Test("another format, rubric or run, or no judge: reported, and no cell applied")
    func fileLevelProblems() async throws {
        let fixture = try await JudgingFixture()
        var (root, cells) = try await Self.fileA(fixture).editable()
        root["format"] = "quorum-judging/2"
        root["run"] = "someone-else"
        root["judge"] = "  "
        root["rubric"] = ["id": "tip-v1", "version": "2"]
        let check = try await fixture.check(try judgingData(root, cells: cells))
        #expect(check.problems.map(\.description) == [
            "$.format: 'quorum-judging/2' is not 'quorum-judging/1' (a file from quorum judge export)",
            "$.run: the file is for run 'someone-else', not '\(fixture.runID)'",
            "$.rubric.version: the file has version '2' of rubric 'tip-v1'; this run is judged with '1'",
            "$.judge: missing: write the name of the person judging (it is recorded with every score)",
        ])
        #expect(check.valid.isEmpty)
        // The judge's name given when applying fills the gap; another rubric is still refused.
        root = try await Self.fileA(fixture).editable().root
        root["judge"] = nil
        root["rubric"] = ["id": "tip-v2"]
        let named = try await fixture.check(try judgingData(root, cells: cells), judge: "bo")
        #expect(named.problems.map(\.description) == ["$.rubric.id: the file is for rubric 'tip-v2'; this run is judged with 'tip-v1'"])
        cells = try await Self.fileA(fixture).editable().cells
        root["rubric"] = try await Self.fileA(fixture).editable().root["rubric"]
        let bo = try await fixture.check(try judgingData(root, cells: cells), judge: "bo")
        #expect(bo.problems.isEmpty && bo.valid.count == 3 && bo.valid.allSatisfy { $0.judge == "bo" })
    }

    @Test("cells judged are no longer pending; a changed answer makes its cell pending again, not pre-filled")
    func pendingCells() async throws {
        let fixture = try await JudgingFixture()
        try await fixture.store.saveJudgments(try await fixture.check(try await Self.fileA(fixture).encoded()).valid)
        let pending = try await fixture.export(judge: "ana", pendingOnly: true)
        #expect(pending.cells.map(\.id) == ["large::q1", "small::q2", "small::q3", "large::q3"])
        #expect(try await fixture.export(judge: nil, pendingOnly: true).cells.count == 4)
        #expect(try await fixture.export(judge: "bo", pendingOnly: true).cells.count == 7)
        #expect(try await fixture.export(judge: "ana").cells.first?.scores["relevance"] == 5)

        try await fixture.answer("small", "q0", "a better tip")
        let again = try await fixture.export(judge: "ana", pendingOnly: true)
        #expect(again.cells.first?.id == "small::q0" && again.cells.first?.scores["relevance"] == .some(nil))
    }
}
