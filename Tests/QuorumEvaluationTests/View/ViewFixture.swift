import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Logging
import QuorumCore
import QuorumOrchestration
import QuorumProviders
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation
@testable import QuorumView

/// A store with two runs and no model ever called:
/// - `grid` (newest): a grid of models `small` and `large` over prompts terse and coach ×
///   scenarios s1 and s2, judged with tip-v1. `large` passes everything it answered, `small` only
///   the terse cells; `large` failed coach/s1 and escalated coach/s2 to level 2.
/// - `plain` (older): `quick-qa`, no rubric, items q0 and q1.
struct ViewFixture {
    static let grid = "20260102-000000-grid"
    static let plain = "20260101-000000-plain"
    static let cells = ["terse/s1", "terse/s2", "coach/s1", "coach/s2"]
    static let secret = "sk-secret-never-shown"

    let temporary: TemporaryStore
    var store: SQLiteRunStore { temporary.store }

    init() async throws {
        temporary = try TemporaryStore()
        try await Self.plainRun(in: temporary.store)
        try await Self.gridRun(in: temporary.store)
    }

    static func gridConfig() -> QuorumConfig {
        var small = ModelConfig(name: "small", provider: "openai", model: "m-small")
        small.apiKey = secret
        var config = QuorumConfig(models: [small, ModelConfig(name: "large", provider: "openai", model: "m-large")])
        config.prompts = [PromptVersionConfig(name: "terse", system: "Be brief.", user: "A tip for {persona}?"),
                          PromptVersionConfig(name: "coach", user: "Coach {persona}.")]
        config.scenarios = ScenariosConfig(factors: [NamedValues(name: "persona", values: ["s1", "s2"])])
        var experiment = ExperimentConfig(name: "tips-grid")
        experiment.grid = GridConfig(models: ["small", "large"])
        experiment.rubric = "tip-v1"
        config.experiment = experiment
        config.rubrics = [.tipExample]
        return config
    }

    private static func gridRun(in store: SQLiteRunStore) async throws {
        let run = RunRecord(
            id: grid, name: "tips-grid", status: .completed, configSnapshot: ConfigSnapshot.json(of: gridConfig()),
            dataset: "grid: 2 prompts × scenarios from factors", systems: ["small", "large"], baseline: "small", scoring: "verifier:auto",
            createdAt: Date(timeIntervalSince1970: 1_767_312_000))
        let items = cells.enumerated().flatMap { position, id in
            run.systems.map { ItemRecord(runID: run.id, system: $0, itemID: id, position: position, prompt: "Prompt of \(id)") }
        }
        try await store.createRun(run, items: items)
        for var item in items {
            if item.system == "large" && item.itemID == "coach/s1" {
                item.status = .failed
                item.note = "rate limited"
                try await store.save(item)
                continue
            }
            let escalated = item.system == "large" && item.itemID == "coach/s2"
            item.status = .answered
            item.answer = "\(item.system) tip for \(item.itemID): drink water"
            item.passed = item.system == "large" || item.itemID.hasPrefix("terse")
            item.level = escalated ? 2 : 1
            item.latency = 0.4
            item.trace = trace(item, escalated: escalated)
            item.answerCost = item.trace?.answerCost ?? .zero
            try await store.save(item)
        }
    }

    /// One answering call (two, gated, when escalated), each with the messages it was given.
    static func trace(_ item: ItemRecord, escalated: Bool) -> TraceNode {
        func call(_ model: String, _ key: String) -> TraceNode {
            let record = CallRecord(
                key: key, model: model, role: .answer, messages: [.system("Be brief."), .user(item.prompt)],
                response: item.answer ?? "", usage: Usage(promptTokens: 30, completionTokens: 9), cost: USD(string: "0.0001")!, latency: 0.2)
            return TraceNode(kind: .call, label: model, call: record)
        }
        guard escalated else { return TraceNode(kind: .system, label: item.system, children: [call(item.system, "answer")]) }
        var gate = VerdictRecord(judge: "verifier:regex", score: 0, passed: false)
        gate.reasoning = "no number"
        return TraceNode(kind: .system, label: item.system, children: [
            TraceNode(kind: .level, label: "level 1", note: "escalated", children: [
                call("small", "cascade/level-1/answer"), TraceNode(kind: .verdict, label: "gate", verdict: gate),
            ]),
            TraceNode(kind: .level, label: "level 2", note: "accepted", children: [call("large", "cascade/level-2/answer")]),
        ])
    }

    private static func plainRun(in store: SQLiteRunStore) async throws {
        let run = RunRecord(
            id: plain, name: "quick-qa", status: .completed, configSnapshot: "{}", dataset: "inline", systems: ["small", "large"],
            baseline: "small", scoring: "verifier:auto", createdAt: Date(timeIntervalSince1970: 1_767_225_600))
        let items = (0..<2).flatMap { index in
            run.systems.map { ItemRecord(runID: run.id, system: $0, itemID: "q\(index)", position: index, prompt: "What is \(index) + \(index)?", reference: "\(2 * index)") }
        }
        try await store.createRun(run, items: items)
        for var item in items {
            item.status = .answered
            item.answer = "\(2 * (item.system == "small" ? 0 : 1) * 1)"
            item.passed = true
            try await store.save(item)
        }
    }

    func server(apiKey: String? = nil) -> ViewServer {
        ViewServer(store: store, settings: ViewSettings(port: 0, apiKey: apiKey), logger: Logger(label: "view-test"))
    }

    /// Runs `body` against the view's router in process.
    func test(apiKey: String? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try server(apiKey: apiKey).makeRouter())
        try await app.test(.router, body)
    }

    func judgments() async throws -> [Judgment] { try await store.judgments(ofRun: Self.grid) }

    /// The SHA-256 of a cell's stored answer, as the judging page sends it back.
    func digest(_ system: String, _ item: String) async throws -> String {
        TextDigest.sha256(try await store.item(ofRun: Self.grid, system: system, itemID: item)!.answer!)
    }
}

/// The body of a response as text.
func text(_ response: TestResponse) -> String { String(buffer: response.body) }

extension TestClientProtocol {
    /// POSTs `json` as `application/json` (or as `type`).
    func post(_ uri: String, json: String, type: String = "application/json", headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = type
        return try await execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: json))
    }
}
