import Foundation
import HTTPTypes
import HummingbirdTesting
import QuorumCore
import QuorumStore
import Testing

@testable import QuorumView

@Suite("quorum view: pages")
struct ViewPagesTests {
    @Test("the runs list shows every run newest first, with its spend and each system's accuracy")
    func runsList() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let page = text(response)
            let grid = try #require(page.range(of: "data-run=\"\(ViewFixture.grid)\""))
            let plain = try #require(page.range(of: "data-run=\"\(ViewFixture.plain)\""))
            #expect(grid.lowerBound < plain.lowerBound, "newest first")
            #expect(page.contains("small 50% · large 100%"))
            #expect(page.contains("7/8"), "answered of (system, item) pairs")
            #expect(page.contains("$0.000800"), "the grid's spend: 8 calls of $0.0001")
            #expect(page.contains("id=\"compare-runs\""))
        }
    }

    @Test("the runs list filters by experiment, system and status", arguments: [
        ("/?experiment=quick-qa", [ViewFixture.plain]), ("/?system=large&status=completed", [ViewFixture.grid, ViewFixture.plain]),
        ("/?status=running", []), ("/?experiment=tips-grid&system=small", [ViewFixture.grid]),
    ])
    func runsFilters(uri: String, expected: [String]) async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let page = text(try await client.execute(uri: uri, method: .get))
            for run in [ViewFixture.grid, ViewFixture.plain] {
                #expect(page.contains("data-run=\"\(run)\"") == expected.contains(run), "\(uri): \(run)")
            }
            #expect(page.contains("\(expected.count) of 2 runs"))
        }
    }

    @Test("a run page draws the report's table, cost–quality plane and funnel live, and the leaderboard once judged")
    func runPage() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let before = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)", method: .get))
            for part in ["id=\"summary\"", "id=\"chart-cost-quality\"", "id=\"chart-funnel\"", "id=\"items\"", "id=\"judge-link\"", "id=\"ab-link\""] {
                #expect(before.contains(part), "\(part)")
            }
            #expect(!before.contains("id=\"leaderboard\""), "nothing judged yet")
            #expect(before.contains("0/7 answers judged by people"))
            let saved = try await client.post("/api/runs/\(ViewFixture.grid)/judgments", json: try await JudgingBody.valid(fixture).text)
            #expect(saved.status == .ok)
            let after = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)", method: .get))
            #expect(after.contains("id=\"leaderboard\""))
            #expect(after.contains("1/7 answers judged by people (ann)"))
        }
    }

    @Test("the configuration is shown as stored, its secrets redacted and never in any page")
    func redacted() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            for uri in ["/", "/runs/\(ViewFixture.grid)", "/runs/\(ViewFixture.grid)/item?id=terse%2Fs1", "/api/runs/\(ViewFixture.grid)/judging/ann"] {
                let page = text(try await client.execute(uri: uri, method: .get))
                #expect(!page.contains(ViewFixture.secret), "\(uri)")
            }
            let run = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)", method: .get))
            #expect(run.contains("id=\"config\"") && run.contains("&lt;redacted&gt;"))
        }
    }

    @Test("the items narrow by search, wrong only, escalated only and category", arguments: [
        ("", ViewFixture.cells), ("wrong=1", ["coach/s1", "coach/s2"]), ("escalated=1", ["coach/s2"]),
        ("category=terse", ["terse/s1", "terse/s2"]), ("q=s2", ["terse/s2", "coach/s2"]), ("wrong=1&category=terse", []),
        ("q=RATE+LIMITED", []), ("q=large+tip+for+terse", ["terse/s1", "terse/s2"]),
    ])
    func itemFilters(query: String, expected: [String]) async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)?\(query)", method: .get))
            for item in ViewFixture.cells {
                #expect(page.contains("<tr data-item=\"\(item)\"") == expected.contains(item), "\(query): \(item)")
            }
            #expect(page.contains("\(expected.count) of 4 items"))
        }
    }

    @Test("an item page shows the question, every system's answer and its whole trace, folded")
    func itemPage() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: "/runs/\(ViewFixture.grid)/item?id=coach%2Fs2", method: .get)
            #expect(response.status == .ok)
            let page = text(response)
            #expect(page.contains("<pre>Be brief.</pre>") && page.contains("Prompt of coach/s2"))
            #expect(page.contains("large tip for coach/s2: drink water") && page.contains("small tip for coach/s2: drink water"))
            #expect(page.contains("<details class=\"trace\" id=\"trace-large\"><summary>Trace: 2 calls · 78 tokens · $0.000200"))
            #expect(page.contains("cascade/level-2/answer") && page.contains("gate verifier:regex: not passed"))
            #expect(page.contains("<summary>prompt and response</summary>"))
            #expect(page.contains("id=\"previous-item\"") && !page.contains("id=\"next-item\""), "the last item has no next")
            let failed = text(try await client.execute(uri: "/runs/\(ViewFixture.grid)/item?id=coach%2Fs1", method: .get))
            #expect(failed.contains("rate limited") && failed.contains("No answer."))
        }
    }

    @Test("an unknown run, item or system is a 404 page saying what is missing", arguments: [
        ("/runs/nope", "no run &#39;nope&#39; in this store"), ("/runs/\(ViewFixture.grid)/item?id=zzz", "has no item &#39;zzz&#39;"),
        ("/runs/nope/item?id=q0", "no run &#39;nope&#39;"), ("/compare?a=\(ViewFixture.grid)&as=zzz", "has no system &#39;zzz&#39;"),
        ("/compare?a=nope", "no run &#39;nope&#39;"), ("/runs/\(ViewFixture.plain)/judge", "not started with a rubric"),
        ("/runs/nope/judge/ann", "no run &#39;nope&#39;"), ("/runs/\(ViewFixture.grid)/ab/ann?a=small&b=small", "two different systems"),
        ("/no/such/page", ""),
    ])
    func notFound(uri: String, message: String) async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .notFound, "\(uri)")
            #expect(message.isEmpty || text(response).contains(message), "\(uri): \(text(response))")
        }
    }

    @Test("side by side highlights rows whose verdicts differ and marks the words that differ")
    func sideBySide() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let page = text(try await client.execute(uri: "/compare?a=\(ViewFixture.grid)&as=small&bs=large", method: .get))
            #expect(page.contains("<tr data-item=\"coach/s2\" class=\"differs\">"))
            #expect(page.contains("<tr data-item=\"terse/s1\">"), "both right: not highlighted")
            #expect(page.contains("<mark class=\"removed\">small</mark>") && page.contains("<mark class=\"added\">large</mark>"))
            #expect(page.contains("Both right 2 · only small right 0 · only large right 1 · both wrong 0"))
            let defaulted = text(try await client.execute(uri: "/compare?a=\(ViewFixture.grid)", method: .get))
            #expect(defaulted.contains("only small right 0 · only large right 1"), "the baseline against the next system")
            let runs = try await client.execute(uri: "/compare?a=\(ViewFixture.grid)&b=\(ViewFixture.plain)&only=diff", method: .get)
            #expect(runs.status == .ok)
            #expect(text(runs).contains("small · \(ViewFixture.plain)"))
        }
    }

    @Test("the assets are served from the binary, and pages only load scripts from it")
    func assets() async throws {
        let fixture = try await ViewFixture()
        try await fixture.test { client in
            let css = try await client.execute(uri: "/assets/view.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(text(css).contains("details.trace"), "the report's own styles")
            for script in ["judging.js", "pairwise.js"] {
                let response = try await client.execute(uri: "/assets/\(script)", method: .get)
                #expect(response.status == .ok && text(response).contains("data-ready"))
            }
            let icon = try await client.execute(uri: "/assets/icon.svg", method: .get)
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml")
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(text(page).contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/assets/icon.svg\">"), "no /favicon.ico 404 in the console")
            #expect(text(try await client.execute(uri: "/healthz", method: .get)) == "ok")
        }
    }
}
