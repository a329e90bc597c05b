import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("MLflow batches")
struct TrackingBatchTests {
    @Test("log-batch requests stay within 1000 metrics, 100 params and 100 tags, and lose nothing")
    func splitsWithinLimits() {
        let metrics = (0..<2500).map { MLflowMetric(key: "m\($0)", value: Double($0), timestamp: 1) }
        let params = (0..<250).map { MLflowKeyValue("p\($0)", "v") }
        let tags = (0..<130).map { MLflowKeyValue("t\($0)", "v") }
        let batches = MLflowBatch.split(metrics: metrics, params: params, tags: tags)
        #expect(batches.allSatisfy { $0.metrics.count <= 1000 && $0.params.count <= 100 && $0.tags.count <= 100 })
        #expect(batches.allSatisfy { $0.entityCount <= 1000 })
        #expect(batches.flatMap(\.metrics).count == 2500)
        #expect(batches.flatMap(\.params).count == 250)
        #expect(batches.flatMap(\.tags).count == 130)
    }

    @Test("long param values are cut to 6000 characters, tags to 8000, and say so")
    func truncatesValues() throws {
        let long = String(repeating: "x", count: 9000)
        let batch = try #require(MLflowBatch.split(metrics: [], params: [MLflowKeyValue("p", long)], tags: [MLflowKeyValue("t", long)]).first)
        #expect(batch.params[0].value.count == 6000)
        #expect(batch.params[0].value.hasSuffix("[truncated]"))
        #expect(batch.tags[0].value.count == 8000)
    }

    @Test("non-finite metrics and repeated params are dropped; nothing yields one empty batch")
    func dropsInvalid() {
        let batches = MLflowBatch.split(
            metrics: [MLflowMetric(key: "nan", value: .nan, timestamp: 1), MLflowMetric(key: "ok", value: 1, timestamp: 1)],
            params: [MLflowKeyValue("a", "1"), MLflowKeyValue("a", "2")], tags: [])
        #expect(batches.count == 1)
        #expect(batches[0].metrics.map(\.key) == ["ok"])
        #expect(batches[0].params == [MLflowKeyValue("a", "1")])
        #expect(MLflowBatch.split(metrics: [], params: [], tags: []).count == 1)
    }

    @Test("keys keep MLflow's allowed characters only", arguments: [
        ("models.m.provider", "models.m.provider"), ("cost (usd)", "cost _usd_"), ("a//b", "a/_/b"),
        ("./x", "_/x"), ("", "_"), ("système", "syst_me"),
    ])
    func cleansKeys(raw: String, cleaned: String) {
        #expect(MLflowBatch.key(raw) == cleaned)
    }
}

@Suite("MLflow config params and settings")
struct TrackingConfigTests {
    @Test("a snapshot flattens to dotted keys, named lists keyed by name, scalar lists joined")
    func flattensSnapshot() {
        let snapshot = #"{"models":[{"name":"a","price":{"input":"0.1"}},{"name":"b"}],"experiment":{"systems":["x","y"],"budget_usd":"2","concurrency":4,"store":null},"levels":[{"model":"a"},{"model":"b"}]}"#
        let params = Dictionary(uniqueKeysWithValues: ConfigParams.flatten(snapshot: snapshot).map { ($0.key, $0.value) })
        #expect(params["models.a.price.input"] == "0.1")
        #expect(params["models.b.name"] == "b")
        #expect(params["experiment.systems"] == "x,y")
        #expect(params["experiment.concurrency"] == "4")
        #expect(params["levels.1.model"] == "b")
        #expect(params["experiment.store"] == nil)
        #expect(ConfigParams.system("b", snapshot: #"{"systems":[{"name":"b","kind":"single"}]}"#) == [MLflowKeyValue("system.kind", "single"), MLflowKeyValue("system.name", "b")])
    }

    @Test("--mlflow wins over MLFLOW_TRACKING_URI, which wins over the config")
    func resolvesTrackingURI() {
        var config = MLflowConfig(trackingURI: "http://config:5000")
        config.experiment = "exp"
        config.perItem = true
        let environment = ["MLFLOW_TRACKING_URI": "http://env:5000"]
        #expect(MLflowSettings.resolve(flag: "http://flag:5000", environment: environment, config: config)?.trackingURI == "http://flag:5000")
        #expect(MLflowSettings.resolve(flag: nil, environment: environment, config: config)?.trackingURI == "http://env:5000")
        let fromConfig = MLflowSettings.resolve(flag: nil, environment: [:], config: config)
        #expect(fromConfig == MLflowSettings(trackingURI: "http://config:5000", experiment: "exp", perItem: true))
        #expect(MLflowSettings.resolve(flag: nil, environment: [:], config: nil) == nil)
        #expect(MLflowSettings.config(inSnapshot: trackedSnapshot)?.perItem == true)
    }

    @Test("credentials come from MLflow's variables, a token first, and never print a secret")
    func readsCredentials() {
        let basic = MLflowCredentials(environment: ["MLFLOW_TRACKING_USERNAME": "ada", "MLFLOW_TRACKING_PASSWORD": "pw-9"])
        #expect(basic == .basic(username: "ada", password: "pw-9"))
        #expect(!basic.description.contains("pw-9"))
        let token = MLflowCredentials(environment: ["MLFLOW_TRACKING_TOKEN": "tok-7", "MLFLOW_TRACKING_USERNAME": "ada"])
        #expect(token == .bearer("tok-7"))
        #expect(!token.description.contains("tok-7"))
        #expect(MLflowCredentials(environment: [:]) == .none)
    }

    @Test("artifacts go to the proxy path under the run's mlflow-artifacts root")
    func artifactEndpoint() throws {
        let data = Data(#"{"run_id":"abc","experiment_id":"3","artifact_uri":"mlflow-artifacts:/3/abc/artifacts"}"#.utf8)
        let run = try JSONDecoder().decode(MLflowRunInfo.self, from: data)
        #expect(try MLflowClient.artifactEndpoint(for: run, path: "results/items.jsonl")
            == "/api/2.0/mlflow-artifacts/artifacts/3/abc/artifacts/results/items.jsonl")
        let local = try JSONDecoder().decode(
            MLflowRunInfo.self, from: Data(#"{"run_id":"abc","experiment_id":"3","artifact_uri":"file:///tmp/x"}"#.utf8))
        #expect(throws: QuorumError.self) { try MLflowClient.artifactEndpoint(for: local, path: "a") }
    }

    @Test("only http(s) tracking URIs are accepted")
    func rejectsOtherSchemes() {
        #expect(throws: QuorumError.self) {
            _ = try MLflowClient(trackingURI: "file:///tmp/mlruns", httpClient: .shared, logger: .init(label: "t"))
        }
    }
}

@Suite("Git commit and trace spans")
struct TrackingSourceTests {
    @Test("the commit is read from HEAD, loose refs, packed refs and worktree .git files")
    func readsGitCommit() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("git-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let git = root.appendingPathComponent("repo/.git")
        try FileManager.default.createDirectory(at: git.appendingPathComponent("refs/heads"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("repo/sub"), withIntermediateDirectories: true)
        let hashA = String(repeating: "a", count: 40), hashB = String(repeating: "b", count: 40)
        try "ref: refs/heads/main\n".write(to: git.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        try "\(hashA)\n".write(to: git.appendingPathComponent("refs/heads/main"), atomically: true, encoding: .utf8)
        #expect(GitCommit.find(from: root.appendingPathComponent("repo/sub").path) == hashA)
        // A worktree: `.git` is a file pointing at a folder whose refs live in the common dir, packed.
        let worktreeGit = git.appendingPathComponent("worktrees/wt")
        try FileManager.default.createDirectory(at: worktreeGit, withIntermediateDirectories: true)
        try "ref: refs/heads/feature\n".write(to: worktreeGit.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        try "../..\n".write(to: worktreeGit.appendingPathComponent("commondir"), atomically: true, encoding: .utf8)
        try "# pack-refs\n\(hashB) refs/heads/feature\n".write(to: git.appendingPathComponent("packed-refs"), atomically: true, encoding: .utf8)
        let worktree = root.appendingPathComponent("wt")
        try FileManager.default.createDirectory(at: worktree, withIntermediateDirectories: true)
        try "gitdir: \(worktreeGit.path)\n".write(to: worktree.appendingPathComponent(".git"), atomically: true, encoding: .utf8)
        #expect(GitCommit.find(from: worktree.path) == hashB)
    }

    @Test("a trace becomes one span per node, children inside their parent's time, ids stable")
    func buildsSpans() throws {
        var item = ItemRecord(runID: "r", system: "cascade", itemID: "q1", position: 0, prompt: "2+2?")
        item.answer = "4"
        item.latency = 3
        let call = { (latency: Double) in CallRecord(key: "k", model: "small", role: .answer, messages: [.user("2+2?")], response: "4", latency: latency) }
        item.trace = TraceNode(kind: .system, label: "cascade", children: [
            TraceNode(kind: .level, label: "level 1", children: [TraceNode(kind: .call, label: "small", call: call(1))]),
            TraceNode(kind: .level, label: "level 2", children: [TraceNode(kind: .call, label: "large", call: call(2))]),
        ])
        let request = try #require(TraceSpans(runID: "r", item: item).request())
        #expect(TraceSpans(runID: "r", item: item).request() == request)
        let spans = otlpSpans(request)
        #expect(spans.count == 5)
        func nanos(_ span: JSONValue, _ key: String) -> Double { Double(span[key]?.stringValue ?? "") ?? -1 }
        let root = try #require(spans.first { $0["parentSpanId"] == nil })
        #expect(root["name"] == "cascade")
        #expect(nanos(root, "endTimeUnixNano") - nanos(root, "startTimeUnixNano") == 3e9)
        let large = try #require(spans.first { $0["name"] == "call large" })
        #expect(nanos(large, "endTimeUnixNano") == nanos(root, "endTimeUnixNano"))
        let level2 = try #require(spans.first { $0["name"] == "level 2" })
        #expect(large["parentSpanId"] == level2["spanId"])
    }
}
