import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import QuorumTesting
import Testing

/// `quorum view` end to end: the built binary serves a store no model ever wrote to, and real
/// headless Chromium (Debian's `chromium`, driven over the DevTools protocol by a standard-library
/// Python script) browses it and judges three answers with keyboard and mouse. Needs
/// `.build/debug/quorum` (`swift build`); screenshots go to the folder the test prints.
@Suite("quorum view in Chromium (live)", .serialized, .enabled(if: LiveEnvironment.isEnabled))
struct ViewLiveTests {
    static let runID = "20260301-120000-view"

    @Test("the runs list, an item with its trace opened, three answers judged by keyboard and mouse, kept after a reload")
    func browseAndJudge() async throws {
        guard let chromium = ReportLiveTests.chromium() else {
            print("skipped: no chromium on PATH (apt-get install -y chromium)")
            return
        }
        let quorum = LiveEnvironment.repositoryRoot.appendingPathComponent(".build/debug/quorum").path
        try #require(FileManager.default.isExecutableFile(atPath: quorum), "build the command first: swift build --product quorum")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-view-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        print("quorum view live test: screenshots and logs in \(folder.path)")
        let database = folder.appendingPathComponent("runs.db").path
        let store = try SQLiteRunStore(path: database)
        try await Self.makeRun(in: store)

        let log = folder.appendingPathComponent("view.log")
        let server = try ChildProcess.spawn(ChildCommand(
            [quorum, "view", "--store", database, "--port", "0"],
            environment: ChildEnvironment.withoutSecrets(ProcessInfo.processInfo.environment), output: .appending(to: log)))
        let report: [String: Any]
        do {
            let port = try await Self.port(announcedIn: log, by: server)
            let script = LiveEnvironment.repositoryRoot.appendingPathComponent("Tests/QuorumLiveTests/Python/view_browser_check.py").path
            let result = try await LiveEnvironment.run(
                "python3", [script, "http://127.0.0.1:\(port)", Self.runID, chromium, folder.path], deadline: .seconds(300))
            await server.terminate(grace: .seconds(5))
            try #require(result.status == 0, "the browser script failed: \(result.error)")
            report = try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        } catch {
            await server.terminate(grace: .seconds(5))
            throw error
        }
        try await check(report, store: store)
    }

    private func check(_ report: [String: Any], store: SQLiteRunStore) async throws {
        #expect((report["runs_list"] as? [String: Any])?["has_run"] as? Bool == true)
        let run = try #require(report["run_page"] as? [String: Any])
        #expect(run["charts"] as? [String] == ["chart-cost-quality", "chart-funnel"])
        #expect(run["items"] as? Int == 4)
        let item = try #require(report["item"] as? [String: Any])
        #expect(item["trace_open"] as? Bool == true && item["prompt_open"] as? Bool == true && item["shows_prompt"] as? Bool == true)
        let saved = try #require(report["saved_cells"] as? [String])
        #expect(Set(saved).count == 3, "three different answers: \(saved)")
        let reloaded = try #require(report["after_reload"] as? [String: Any])
        #expect(reloaded["judged"] as? Int == 3 && reloaded["mine"] as? String == "3")
        #expect(reloaded["scores"] as? [String] == ["4", "3", "5"] && reloaded["flags_on"] as? [String] == ["format_ok"])
        #expect(reloaded["comment"] as? String == "clear tip")
        #expect(report["compare_rows"] as? Int == 4)
        #expect((report["ab_progress"] as? String)?.hasPrefix("1 of 4") == true)
        #expect((report["problems"] as? [String])?.isEmpty == true, "console: \(report["problems"] ?? "")")
        #expect((report["screenshots"] as? [String])?.count == 8)

        // The store holds what the browser saved: the same judgments `quorum judge apply` writes.
        let judgments = Dictionary(uniqueKeysWithValues: try await store.judgments(ofRun: Self.runID).map { ("\($0.system)::\($0.itemID)", $0) })
        #expect(Set(judgments.keys) == Set(saved))
        let first = try #require(judgments[saved[0]]), second = try #require(judgments[saved[1]]), third = try #require(judgments[saved[2]])
        #expect(first.judge == "ann" && first.kind == .human && first.rubric == "tip-v1@1")
        #expect(first.scores == ["relevance": 4, "actionability": 3, "tone": 5] && first.flags == ["format_ok": true, "overlong": false])
        #expect(first.comment == "clear tip" && first.composite == 14)
        #expect(second.scores == ["relevance": 5, "actionability": 5, "tone": 4] && second.flags == ["format_ok": false, "overlong": true])
        #expect(third.scores == ["relevance": 2, "actionability": 1, "tone": 3] && third.flags == ["format_ok": true, "overlong": false])
        let games = try await store.pairwiseVerdicts(ofRun: Self.runID)
        #expect(games.count == 1 && games.first?.judge == "human:ann")
    }

    /// The port `quorum view --port 0` announces on its first line, waiting up to a minute.
    static func port(announcedIn log: URL, by server: ChildProcess) async throws -> Int {
        for _ in 0..<600 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let address = text[range].dropFirst("http://127.0.0.1:".count).dropLast()
                if let port = Int(address) { return port }
            }
            if let ended = server.poll() { throw QuorumError(.localRuntime, "quorum view ended (\(ended)) before listening: \(text)") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw QuorumError(.timeout, "quorum view did not announce its address within a minute")
    }

    /// A grid of models `tiny` and `base` over prompts plain and warm × scenarios a and b, judged
    /// with tip-v1, written straight to the store: `base` is always right, `tiny` only on plain, and
    /// `base` reached warm/b at level 2.
    static func makeRun(in store: SQLiteRunStore) async throws {
        var config = QuorumConfig(models: ["tiny", "base"].map { ModelConfig(name: $0, provider: "openai", model: "m-\($0)") })
        config.prompts = [PromptVersionConfig(name: "plain", system: "Be helpful.", user: "One tip for {persona}."),
                          PromptVersionConfig(name: "warm", system: "Be helpful.", user: "Kindly, a tip for {persona}.")]
        config.scenarios = ScenariosConfig(factors: [NamedValues(name: "persona", values: ["a", "b"])])
        var experiment = ExperimentConfig(name: "view-live")
        experiment.grid = GridConfig(models: ["tiny", "base"])
        experiment.rubric = "tip-v1"
        config.experiment = experiment
        config.rubrics = [.tipExample]
        let snapshot = String(decoding: try JSONEncoder().encode(config.redacted()), as: UTF8.self)
        let run = RunRecord(
            id: runID, name: "view-live", status: .completed, configSnapshot: snapshot, dataset: "grid", systems: ["tiny", "base"],
            baseline: "tiny", scoring: "verifier:auto")
        let cells = ["plain/a", "plain/b", "warm/a", "warm/b"]
        let items = cells.enumerated().flatMap { position, cell in
            run.systems.map { ItemRecord(runID: run.id, system: $0, itemID: cell, position: position, prompt: "A tip, please (\(cell)).") }
        }
        try await store.createRun(run, items: items)
        for var item in items {
            let levels = item.system == "base" && item.itemID == "warm/b" ? ["tiny", "base"] : [item.system]
            item.status = .answered
            item.answer = "\(item.system): take a short walk after lunch (\(item.itemID))."
            item.passed = item.system == "base" || item.itemID.hasPrefix("plain")
            item.level = levels.count
            let calls = levels.enumerated().map { index, model in
                TraceNode(kind: .call, label: model, call: CallRecord(
                    key: "level-\(index + 1)/answer", model: model, role: .answer, messages: [.system("Be helpful."), .user(item.prompt)],
                    response: item.answer ?? "", usage: Usage(promptTokens: 24, completionTokens: 12), cost: USD(string: "0.00005")!, latency: 0.3))
            }
            item.trace = TraceNode(kind: .system, label: item.system, children: calls)
            item.answerCost = item.trace?.answerCost ?? .zero
            item.latency = 0.3 * Double(levels.count)
            try await store.save(item)
        }
    }
}
