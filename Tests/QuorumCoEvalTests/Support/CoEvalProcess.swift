import Foundation
import QuorumTesting
import QuorumCore
import Testing

/// The `quorum` executable `swift build` made (`QuorumTesting`), or `nil` before it has.
let coevalQuorumBinary = quorumExecutable

/// A folder with a CoEval config pointed at a batch stub, its store and the children's log.
struct CoEvalProcessFolder {
    let folder: URL
    var config: URL { folder.appendingPathComponent("coeval.yaml") }
    var store: String { folder.appendingPathComponent("runs.db").path }
    var log: URL { folder.appendingPathComponent("quorum.log") }

    /// Teacher `openai` live, student `openai` batched by `coeval.batch`, judge `anthropic` with
    /// `batch: true`; 1 task, 3 items, 2 criteria per_factor: 3 batched responses and 6 grades.
    init(baseURL: String) throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = """
            models:
              - {name: teacher1, provider: openai, model: gpt-4.1, base_url: "\(baseURL)/v1", api_key: "${OPENAI_API_KEY}", roles: [teacher], price: {input: 2, output: 8}}
              - {name: student1, provider: openai, model: gpt-4.1-mini, base_url: "\(baseURL)/v1", api_key: "${OPENAI_API_KEY}", roles: [student], price: {input: 2, output: 8}}
              - {name: judge1, provider: anthropic, model: claude-haiku, base_url: "\(baseURL)", api_key: "${ANTHROPIC_API_KEY}", roles: [judge], batch: true, price: {input: 2, output: 8}}
            tasks:
              - name: math
                description: Short word problems.
                output_description: A number.
                target_attributes: {level: [easy, hard]}
                nuanced_attributes: {tone: [dry]}
                sampling: {target: [1, 1], nuance: [0, 1], total: 3}
                rubric: {accuracy: Is right., clarity: Reads well.}
                evaluation_mode: per_factor
            coeval:
              batch: {openai: {response_collection: true}}
            """
        try yaml.write(to: config, atomically: true, encoding: .utf8)
    }

    /// `quorum ARGUMENTS` as a child in its own group, logging to `log`, polling batches every 20 ms.
    func spawn(_ arguments: [String]) throws -> ChildProcess {
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path,
            "QUORUM_HOME": folder.appendingPathComponent("home").path, "QUORUM_BATCH_POLL_SECONDS": "0.02",
            "OPENAI_API_KEY": "sk-test-openai", "ANTHROPIC_API_KEY": "sk-test-anthropic",
        ]
        return try ChildProcess.spawn(ChildCommand(
            [try #require(coevalQuorumBinary)] + arguments, environment: environment, directory: folder,
            output: .appending(to: log)))
    }

    /// The run id the first `quorum coeval run` printed (`coeval run RUN`).
    func runID() throws -> String {
        let text = try String(contentsOf: log, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("coeval run ") })
        return String(line.dropFirst("coeval run ".count))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
