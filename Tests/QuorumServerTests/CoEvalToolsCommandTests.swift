import Foundation
import QuorumCore
import QuorumTesting
import Testing

/// `quorum coeval probe|describe` and `quorum models --provider` as processes: flags, exit codes, files.
@Suite("CoEval tools: the commands", .enabled(if: quorumBinary != nil, "needs the quorum executable (swift build)"))
struct CoEvalToolsCommandTests {
    static let key = "sk-probe-secret-98765"
    static let listing = #"{"object": "list", "data": [{"id": "stub-model", "object": "model"}]}"#
    static let refused = #"{"error": {"message": "Incorrect API key provided: sk-probe-secret-98765"}}"#

    func quorum(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        let log = folder.appendingPathComponent("command-\(UUID().uuidString).log")
        let outcome = try await ChildProcess.run(
            ChildCommand(
                [quorumBinary!] + arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                output: .appending(to: log)),
            watchdog: Watchdog(deadline: .seconds(60)))
        guard case .finished(let termination) = outcome else { throw QuorumError(.internal, "quorum \(arguments) \(outcome)") }
        return (termination.shellStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    func config(teacher: String, judge: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("coeval.yaml").path
        try """
            models:
              - {name: writer, provider: openai, base_url: "\(teacher)/v1", model: stub-model, api_key: \(Self.key), roles: [teacher, student]}
              - {name: grader, provider: openai, base_url: "\(judge)/v1", model: stub-model, api_key: \(Self.key), roles: [judge]}
            tasks:
              - name: math
                description: Arithmetic.
                target_attributes: {level: [easy, hard]}
                sampling: {total: 2}
                rubric: {accuracy: Right.}
            coeval: {name: tools}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("probe exits 2 naming a refused key (never printing it) and 0 once only ready models are asked")
    func probe() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await StubServer.run([.json(Self.listing)]) { good in
            try await StubServer.run([.json(Self.refused, status: .unauthorized)]) { bad in
                let path = try config(teacher: good.baseURL, judge: bad.baseURL, in: folder)
                let failed = try await quorum(["coeval", "probe", path], in: folder)
                #expect(failed.status == 2)
                #expect(failed.output.contains("unauthorized") && failed.output.contains("1 of 2 models ready"))
                #expect(!failed.output.contains(Self.key))
                let ready = try await quorum(["coeval", "probe", path, "--only-models", "writer", "--json"], in: folder)
                #expect(ready.status == 0 && ready.output.contains("\"ready\" : true") && !ready.output.contains("grader"))
                // Listing calls only: nothing was POSTed to either server.
                let methods = (await good.requests() + bad.requests()).map(\.method)
                #expect(!methods.isEmpty && methods.allSatisfy { $0 == "GET" })
            }
        }
    }

    @Test("describe writes the HTML plan; models --provider lists what the provider offers")
    func describeAndModels() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-describe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await StubServer.run([.json(Self.listing)]) { server in
            let path = try config(teacher: server.baseURL, judge: server.baseURL, in: folder)
            let out = folder.appendingPathComponent("plan.html").path
            let described = try await quorum(["coeval", "describe", path, "--out", out, "--only-models", "writer"], in: folder)
            #expect(described.status == 0)
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.contains("id=\"phase-3\"") && html.contains("only models writer"))
            #expect(!html.contains("<td>grader</td>"))
            let listed = try await quorum(
                ["models", "--provider", "openai", "--base-url", server.baseURL + "/v1"], in: folder,
                environment: ["OPENAI_API_KEY": Self.key])
            #expect(listed.status == 0 && listed.output.contains("stub-model"))
        }
    }
    /// One reply every phase can read: attributes, rubric pairs, an item, an answer and a grade.
    static let everything = #"{\"target_attributes\": {\"level\": [\"easy\", \"hard\"]}, \"prompt\": \"What is two plus two?\", \"reference_response\": \"Four.\", \"accuracy\": \"High\"}"#
    static let completion = #"{"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "\#(everything)"}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 10, "completion_tokens": 5}}"#

    @Test("plan --continue after a finished run counts nothing; repair --dry-run finds nothing; generate writes a static config")
    func continueRepairGenerate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await StubServer.run([.json(Self.completion)]) { server in
            let path = try config(teacher: server.baseURL, judge: server.baseURL, in: folder)
            let store = folder.appendingPathComponent("runs.db").path
            let run = try await quorum(["coeval", "run", path, "--store", store], in: folder)
            #expect(run.status == 0, "\(run.output)")
            let runID = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("coeval run ") }?.split(separator: " ").last)
            let full = try await quorum(["coeval", "plan", path], in: folder)
            #expect(full.output.contains("total 6 calls"))  // 2 items, 2 responses, 2 evaluations
            let left = try await quorum(["coeval", "plan", path, "--continue", String(runID), "--store", store], in: folder)
            #expect(left.status == 0 && left.output.contains("total 0 calls"), "\(left.output)")
            let repair = try await quorum(["coeval", "repair", String(runID), "--dry-run", "--store", store], in: folder)
            #expect(repair.status == 0 && repair.output.contains("nothing to repair"))

            let auto = folder.appendingPathComponent("auto.yaml").path
            try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: "target_attributes: {level: [easy, hard]}", with: "target_attributes: auto")
                .replacingOccurrences(of: "rubric: {accuracy: Right.}", with: "rubric: auto")
                .write(toFile: auto, atomically: true, encoding: .utf8)
            let out = folder.appendingPathComponent("materialized.yaml").path
            let generated = try await quorum(["coeval", "generate", auto, "--out", out, "--store", store], in: folder)
            #expect(generated.status == 0, "\(generated.output)")
            let text = try String(contentsOfFile: out, encoding: .utf8)
            #expect(!text.contains(": auto") && text.contains("\"level\": [\"easy\", \"hard\"]"))
            #expect(try await quorum(["validate", out], in: folder).status == 0)
        }
    }
    @Test("plan --estimate-samples N makes N real calls per model and extrapolates from them")
    func estimateSamples() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await StubServer.run([.json(Self.completion)]) { server in
            let path = try config(teacher: server.baseURL, judge: server.baseURL, in: folder)
            let plan = try await quorum(["coeval", "plan", path, "--estimate-samples", "2"], in: folder)
            #expect(plan.status == 0 && plan.output.contains("writer: measured on 2 call(s): 5 output tokens"), "\(plan.output)")
            let posts = await server.requests().filter { $0.method == "POST" && $0.uri.hasSuffix("/chat/completions") }
            #expect(posts.count == 4)  // 2 models × 2 samples
        }
    }
}
