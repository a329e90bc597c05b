import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumStore
import Testing

/// The HTML report rendered by real headless Chromium (Debian's `chromium`). Runs only with
/// `QUORUM_LIVE=1`, and skips with a message when no Chromium is installed.
@Suite("HTML report in Chromium (live)", .serialized, .enabled(if: ProcessInfo.processInfo.environment["QUORUM_LIVE"] == "1"))
struct ReportLiveTests {
    /// A small judged run built in memory: `cascade` wins 2 of 3 items against `baseline`, one at level 2.
    static func source() -> ComparisonSource {
        let run = RunRecord(
            id: "20261124-200000-live", name: "live-report", status: .completed, configSnapshot: "{}", dataset: "inline",
            systems: ["baseline", "cascade"], baseline: "baseline", scoring: "verifier:auto")
        var items: [ItemRecord] = []
        var verdicts: [PairwiseVerdict] = []
        for index in 0..<3 {
            for system in run.systems {
                var item = ItemRecord(runID: run.id, system: system, itemID: "q\(index)", position: index, prompt: "What is \(index) + \(index)? <b>", reference: "\(2 * index)")
                let good = system == "cascade" ? index < 2 : index == 0
                item.status = .answered
                item.answer = good ? "The answer is **\(2 * index)**.\n\n- checked" : "Probably \(index)."
                item.passed = good
                item.level = system == "cascade" && index == 1 ? 2 : 1
                item.latency = 0.5 + Double(index)
                let call = CallRecord(
                    key: "answer", model: system == "cascade" ? "small" : "large", role: .answer, messages: [.user(item.prompt)],
                    response: item.answer ?? "", usage: Usage(promptTokens: 40, completionTokens: 12),
                    cost: USD(string: system == "cascade" ? "0.00002" : "0.00008")!)
                item.trace = TraceNode(kind: .system, label: system, children: [TraceNode(kind: .call, label: call.model, call: call)])
                item.answerCost = call.cost
                items.append(item)
            }
            for (order, label) in [(PairwiseOrder.systemFirst, index < 2 ? "[[A>B]]" : "[[B>A]]"), (.baselineFirst, index < 2 ? "[[B>>A]]" : "[[A=B]]")] {
                let call = CallRecord(
                    key: "pairwise.arena.\(order == .systemFirst ? "ab" : "ba")", model: "large", role: .judge, messages: [.user("judge")],
                    response: "Verdict: \(label)", usage: Usage(promptTokens: 200, completionTokens: 20), cost: USD(string: "0.0001")!)
                verdicts.append(PairwiseVerdict(
                    runID: run.id, system: "cascade", itemID: "q\(index)", baseline: "baseline", judge: "arena", order: order, call: call))
            }
        }
        return ComparisonSource(run: run, items: items, verdicts: verdicts)
    }

    static func chromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs Chromium headless with `arguments` (started clean, in its own process group, killed past
    /// two minutes); returns standard output and standard error.
    static func runChromium(_ binary: String, _ arguments: [String]) async throws -> (String, String) {
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]
        let result = try await LiveEnvironment.run(binary, flags + arguments, deadline: .seconds(120))
        return (result.output, result.error)
    }

    /// Writes the report to a fresh folder and hands Chromium's path and the file to `body`; skips
    /// (with a message) when Chromium is not installed.
    func withReport(_ body: (String, URL, RunComparison) async throws -> Void) async throws {
        guard let chromium = Self.chromium() else {
            print("skipped: no chromium on PATH (apt-get install -y chromium)")
            return
        }
        let (file, comparison) = try writeReport()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try await body(chromium, file, comparison)
    }

    func writeReport() throws -> (URL, RunComparison) {
        let source = Self.source()
        let comparison = source.comparison(ComparisonOptions(baseline: "baseline", bootstrap: Bootstrap(resamples: 1000, seed: 9)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("report.html")
        try HTMLReport(comparison: comparison, source: source).rendered().write(to: file, atomically: true, encoding: .utf8)
        return (file, comparison)
    }

    @Test("Chromium takes a screenshot of the report")
    func screenshot() async throws {
        try await withReport { chromium, file, _ in
            let png = file.deletingLastPathComponent().appendingPathComponent("report.png")
            _ = try await Self.runChromium(chromium, ["--screenshot=\(png.path)", "--window-size=1280,2000", file.absoluteString])
            let data = try Data(contentsOf: png)
            #expect(data.count > 20_000, "a blank page compresses to a few KB")
            #expect(data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test("the page runs its script without console errors and its charts carry the run's values")
    func domAfterScripts() async throws {
        try await withReport { chromium, file, comparison in
            let (dom, log) = try await Self.runChromium(
                chromium, ["--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--dump-dom", file.absoluteString + "?q=q1#trace-q1"])
            let consoleLines = log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
            #expect(consoleLines.isEmpty, "console: \(consoleLines.joined(separator: "\n"))")
            #expect(dom.contains("data-ready=\"true\""), "the script did not run to its end")
            let cascade = try #require(comparison.system("cascade"))
            #expect(dom.contains("<circle class=\"point\" data-system=\"cascade\" data-cost=\"\(cascade.cost.perItem!.doubleValue)\" data-quality=\"\(cascade.accuracy!)\""))
            #expect(dom.contains("class=\"win\" data-system=\"cascade\" data-count=\"2\""))
            #expect(dom.contains("class=\"level\" data-system=\"cascade\" data-level=\"2\" data-items=\"1\""))
            #expect(dom.contains("id=\"chart-latency\"") && dom.contains("id=\"chart-length\""))
            // The query filtered the table to one item, and the fragment opened that item's trace.
            #expect(dom.contains("1 of 3 items"))
            #expect(dom.contains("<details class=\"trace\" id=\"trace-q1\" open=\"\">"))
        }
    }
}
