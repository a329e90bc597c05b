import Foundation
import HTTPTypes
import HummingbirdTesting
import QuorumCore
import QuorumStore
import Testing

@testable import QuorumEvaluation
@testable import QuorumView

/// A body the judging page posts, as JSON objects to edit.
struct JudgingBody: Sendable {
    var root: [String: JSONValue]

    /// Ann's judgment of `small::terse/s1`: every criterion and flag filled.
    static func valid(_ fixture: ViewFixture) async throws -> JudgingBody {
        let digest = try await fixture.digest("small", "terse/s1")
        return JudgingBody(root: [
            "judge": "ann", "rubric": ["id": "tip-v1", "version": "1"],
            "cell": [
                "id": .string("small::terse/s1"), "candidate_sha256": .string(digest),
                "scores": ["relevance": 4, "actionability": 3, "tone": 5], "flags": ["format_ok": true, "overlong": false],
                "comment": "short and kind",
            ],
        ])
    }

    var text: String { String(decoding: try! JSONEncoder().encode(JSONValue.object(root)), as: UTF8.self) }

    /// The body with `cell[field]` (or the root's field when `cell` is nil) replaced; `nil` removes it.
    func with(cell field: String? = nil, _ key: String, _ value: JSONValue?) -> JudgingBody {
        var copy = self
        if let field {
            var cell = root["cell"]!.objectValue!
            var inner = field == "." ? cell : cell[field]!.objectValue!
            inner[key] = value
            if field == "." { cell = inner } else { cell[field] = .object(inner) }
            copy.root["cell"] = .object(cell)
        } else {
            copy.root[key] = value
        }
        return copy
    }
}

@Suite("quorum view: judging in the browser")
struct ViewJudgingTests {
    @Test("the judging page embeds the rubric with its anchors and every answered cell of the person")
    func judgingPage() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)/judge/ann", method: .get))
            #expect(page.contains("<script type=\"application/json\" id=\"judging-data\">") && page.contains("/assets/judging.js"))
            let desk = try await client.execute(uri: "/api/runs/\(ViewFixture.grid)/judging/ann%20lee", method: .get)
            #expect(desk.status == .ok)
            let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: desk.body)) as? [String: Any])
            #expect(json["judge"] as? String == "ann lee")
            #expect((json["cells"] as? [Any])?.count == 7, "the failed cell has nothing to judge")
            let criteria = try #require(json["criteria"] as? [[String: Any]])
            #expect(criteria.map { $0["name"] as? String } == ["relevance", "actionability", "tone"])
            #expect((criteria[0]["anchors"] as? [[String: Any]])?.first?["text"] as? String == "ignores the situation")
            #expect((json["flags"] as? [[String: Any]])?.count == 2)
            let chooser = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)/judge", method: .get))
            #expect(chooser.contains("id=\"judge-form\"") && chooser.contains("tip-v1@1"))
            let redirect = try await client.execute(uri: "/runs/\(ViewFixture.grid)/judge?name=ann+lee", method: .get)
            #expect(redirect.status == .seeOther && redirect.headers[.location] == "/runs/\(ViewFixture.grid)/judge/ann%20lee")
        }
    }

    @Test("a cell judged in the browser is saved as `quorum judge apply` saves it, and shows when the page is loaded again")
    func saves() async throws {
        let fixture = try await ViewFixture()
        let body = try await JudgingBody.valid(fixture)
        try await fixture.test { client in
            let response = try await client.post("/api/runs/\(ViewFixture.grid)/judgments", json: body.text)
            #expect(response.status == .ok, "\(text(response))")
            let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(json["saved"] as? Bool == true && json["judged"] as? Int == 1 && json["answered"] as? Int == 7)
            let stored = try await fixture.judgments()
            #expect(stored.count == 1)
            let judgment = try #require(stored.first)
            #expect(judgment.judge == "ann" && judgment.kind == .human && judgment.system == "small" && judgment.itemID == "terse/s1")
            #expect(judgment.scores == ["relevance": 4, "actionability": 3, "tone": 5] && judgment.comment == "short and kind")
            #expect(judgment.composite == 14, "4 + 3 + 5 + 2×1 − 0")
            // The same judgment again changes nothing, not even when it was made.
            _ = try await client.post("/api/runs/\(ViewFixture.grid)/judgments", json: body.text)
            #expect(try await fixture.judgments() == stored)
            let desk = try await client.execute(uri: "/api/runs/\(ViewFixture.grid)/judging/ann", method: .get)
            let cells = try #require((JSONSerialization.jsonObject(with: Data(buffer: desk.body)) as? [String: Any])?["cells"] as? [[String: Any]])
            let cell = try #require(cells.first { $0["id"] as? String == "small::terse/s1" })
            #expect((cell["scores"] as? [String: Any])?["tone"] as? Double == 5)
            #expect(try await RunJudging(store: fixture.store).leaderboard(runID: ViewFixture.grid).rows.count == 1)
        }
    }

    @Test("a bad post is refused with each problem at its JSON path in the body, and nothing is saved", arguments: [
        ("score out of scale", { @Sendable (b: JudgingBody) in b.with(cell: "scores", "relevance", 7) }, "$.cell.scores.relevance"),
        ("score not whole", { @Sendable (b: JudgingBody) in b.with(cell: "scores", "tone", 2.5) }, "$.cell.scores.tone"),
        ("criterion missing", { @Sendable (b: JudgingBody) in b.with(cell: "scores", "tone", nil) }, "$.cell.scores.tone"),
        ("unknown criterion", { @Sendable (b: JudgingBody) in b.with(cell: "scores", "charm", 3) }, "$.cell.scores.charm"),
        ("flag not a boolean", { @Sendable (b: JudgingBody) in b.with(cell: "flags", "overlong", "no") }, "$.cell.flags.overlong"),
        ("unknown cell", { @Sendable (b: JudgingBody) in b.with(cell: ".", "id", "small::nope") }, "$.cell.id"),
        ("failed cell", { @Sendable (b: JudgingBody) in b.with(cell: ".", "id", "large::coach/s1") }, "$.cell.id"),
        ("answer changed", { @Sendable (b: JudgingBody) in b.with(cell: ".", "candidate_sha256", "00") }, "$.cell.candidate_sha256"),
        ("no judge", { @Sendable (b: JudgingBody) in b.with("judge", nil) }, "$.judge"),
        ("another rubric version", { @Sendable (b: JudgingBody) in b.with("rubric", ["id": "tip-v1", "version": "2"]) }, "$.rubric.version"),
        ("another rubric", { @Sendable (b: JudgingBody) in b.with("rubric", ["id": "other"]) }, "$.rubric"),
        ("no cell", { @Sendable (b: JudgingBody) in b.with("cell", nil) }, "$.cell"),
        ("cell not an object", { @Sendable (b: JudgingBody) in b.with("cell", 3) }, "$.cell"),
        ("empty cell", { @Sendable (b: JudgingBody) in b.with(cell: ".", "scores", nil).with(cell: ".", "flags", nil).with(cell: ".", "comment", nil) }, "$.cell.scores"),
    ] as [(String, @Sendable (JudgingBody) -> JudgingBody, String)])
    func refused(_ name: String, edit: @Sendable (JudgingBody) -> JudgingBody, path: String) async throws {
        let fixture = try await ViewFixture()
        let body = edit(try await JudgingBody.valid(fixture))
        try await fixture.test { client in
            let response = try await client.post("/api/runs/\(ViewFixture.grid)/judgments", json: body.text)
            #expect(response.status == .badRequest, "\(name)")
            let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let paths = (json["problems"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            #expect(paths.contains(path), "\(name): \(paths)")
            #expect(!paths.contains { $0.hasPrefix("$.cells") }, "paths are the posted body's")
        }
        #expect(try await fixture.judgments().isEmpty, "\(name): nothing saved")
    }

    @Test("a post that is not JSON, not sent as JSON, from another site or for an unknown run writes nothing")
    func refusedWrites() async throws {
        let fixture = try await ViewFixture()
        let body = try await JudgingBody.valid(fixture)
        try await fixture.test { client in
            let uri = "/api/runs/\(ViewFixture.grid)/judgments"
            let broken = try await client.post(uri, json: "{\"judge\": \"ann\",")
            #expect(broken.status == .badRequest && text(broken).contains("\"path\":\"$\""))
            #expect(try await client.post(uri, json: body.text, type: "text/plain").status == .unsupportedMediaType)
            #expect(try await client.post(uri, json: body.text, headers: [.origin: "http://evil.example"]).status == .forbidden)
            #expect(try await client.post(uri, json: body.text, headers: [.origin: "http://localhost"]).status == .ok, "the page's own origin")
            let unknown = try await client.post("/api/runs/nope/judgments", json: body.text)
            #expect(unknown.status == .notFound && text(unknown).contains("no run 'nope'"))
        }
        #expect(try await fixture.judgments().count == 1, "only the post from the page's own origin")
    }

    @Test("blind A/B: the page hides which system wrote which answer, and a choice is stored as a person's pairwise game")
    func pairwise() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)/ab/ann?a=large&b=small", method: .get))
            #expect(page.contains("id=\"pairwise-data\"") && page.contains("/assets/pairwise.js"))
            let data = try #require(page.components(separatedBy: "id=\"pairwise-data\">").last?.components(separatedBy: "</script>").first)
            let desk = try #require(JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
            let items = try #require(desk["items"] as? [[String: Any]])
            #expect(items.map { $0["item"] as? String } == ["terse/s1", "terse/s2", "coach/s2"], "answered by both")
            #expect(items.allSatisfy { Set($0.keys) == ["item", "inputs", "first", "second"] }, "no system named per answer")
            #expect(desk["system"] as? String == "large" && desk["baseline"] as? String == "small", "the run's baseline is the baseline")

            let post = "{\"judge\": \"ann\", \"a\": \"small\", \"b\": \"large\", \"item\": \"coach/s2\", \"choice\": \"1>2\"}"
            let saved = try await client.post("/api/runs/\(ViewFixture.grid)/pairwise", json: post)
            #expect(saved.status == .ok, "\(text(saved))")
            let verdicts = try await fixture.store.pairwiseVerdicts(ofRun: ViewFixture.grid)
            let verdict = try #require(verdicts.first)
            #expect(verdicts.count == 1 && verdict.judge == "human:ann" && verdict.isHuman)
            #expect(verdict.system == "large" && verdict.baseline == "small" && verdict.itemID == "coach/s2")
            // "1 is better" is a win for whichever system was shown first.
            let largeFirst = PositionDraw.systemFirst(run: ViewFixture.grid, judge: "ann", item: "coach/s2", system: "large", baseline: "small")
            #expect(verdict.order == (largeFirst ? .systemFirst : .baselineFirst))
            #expect(verdict.labelForSystem == (largeFirst ? .betterA : .betterB))
            let again = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)/ab/ann?a=small&b=large", method: .get))
            #expect(again.contains("\"choice\":\"1>2\""), "shown again as chosen")
            #expect(text(try await client.execute(uri: "/runs/\(ViewFixture.grid)/ab", method: .get)).contains("ann</a>: large and small · 1 judged"))
        }
        // A person's single game never becomes the comparison's pairwise judge by default.
        let source = try await ComparisonSource.load(ViewFixture.grid, from: fixture.store)
        #expect(source.comparison(ComparisonOptions()).judge == nil)
    }

    @Test("a bad A/B choice is refused at its path and nothing is stored", arguments: [
        ("{\"judge\": \"ann\", \"a\": \"small\", \"b\": \"large\", \"item\": \"coach/s2\", \"choice\": \"A>B\"}", "$.choice"),
        ("{\"judge\": \"\", \"a\": \"small\", \"b\": \"large\", \"item\": \"coach/s2\", \"choice\": \"1>2\"}", "$.judge"),
        ("{\"judge\": \"ann\", \"a\": \"small\", \"b\": \"tiny\", \"item\": \"coach/s2\", \"choice\": \"1>2\"}", "$.b"),
        ("{\"judge\": \"ann\", \"a\": \"small\", \"b\": \"small\", \"item\": \"coach/s2\", \"choice\": \"1>2\"}", "$.b"),
        ("{\"judge\": \"ann\", \"a\": \"small\", \"b\": \"large\", \"item\": \"coach/s1\", \"choice\": \"1>2\"}", "$.item"),
        ("[1, 2]", "$"),
    ])
    func pairwiseRefused(body: String, path: String) async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let response = try await client.post("/api/runs/\(ViewFixture.grid)/pairwise", json: body)
            #expect(response.status == .badRequest)
            #expect(text(response).contains("\"path\":\"\(path)\""), "\(text(response))")
        }
        #expect(try await fixture.store.pairwiseVerdicts(ofRun: ViewFixture.grid).isEmpty)
    }
}
