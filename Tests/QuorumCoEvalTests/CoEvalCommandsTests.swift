import Foundation
import QuorumCore
import Testing

/// The built `quorum` binary, when `swift build` has made one.
private let quorum: String? = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/quorum").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// `coeval ingest` and `coeval report --csv` through the command line, on a run that calls no model
/// (every phase that would is `Keep`), so nothing leaves the machine.
@Suite("CoEval ingest and CSV commands", .enabled(if: quorum != nil, "needs .build/debug/quorum"))
struct CoEvalCommandsTests {
    /// Runs `quorum ARGS` in `directory`; returns its exit status and its output (both streams).
    static func quorumCommand(_ arguments: [String], in directory: URL) async throws -> (Int32, String) {
        let log = directory.appendingPathComponent("output-\(UUID().uuidString).txt")
        let command = ChildCommand(
            [quorum!] + arguments, environment: ChildEnvironment.minimal(from: ProcessInfo.processInfo.environment),
            directory: directory, output: .appending(to: log))
        guard case .finished(let termination) = try await ChildProcess.run(command) else { return (-1, "") }
        return (termination.shellStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    @Test("ingest adds a built-in once, refuses a bad --map, and report --csv writes the tables")
    func ingestAndCSV() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coeval-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            models:
              - {name: s, provider: openai, model: gpt-4.1-mini, api_key: sk-test, roles: [student, judge]}
            tasks:
              - {name: qa, description: Short questions., rubric: {correct: {metric: exact_match}, style: Reads well.}}
            coeval:
              phases: {data_generation: Keep, response_collection: Keep, evaluation: Keep}
              store: c.db
            """.write(to: directory.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        let (runStatus, runOutput) = try await Self.quorumCommand(["coeval", "run", "c.yaml"], in: directory)
        #expect(runStatus == 0, "\(runOutput)")
        let runID = try #require(runOutput.split(separator: "\n").first { $0.hasPrefix("coeval run ") }?.split(separator: " ").last)
        let ingest = ["coeval", "ingest", String(runID), "--benchmark", "quick-qa", "--limit", "3", "--store", "c.db"]
        let (first, firstOutput) = try await Self.quorumCommand(ingest, in: directory)
        #expect(first == 0 && firstOutput.contains("3 items added to task qa as teacher quick-qa-benchmark"), "\(firstOutput)")
        let (_, secondOutput) = try await Self.quorumCommand(ingest, in: directory)
        #expect(secondOutput.contains("0 items added") && secondOutput.contains("3 already in run"), "\(secondOutput)")
        let (bad, badOutput) = try await Self.quorumCommand(
            ["coeval", "ingest", String(runID), "--benchmark", "x", "--file", "x.jsonl", "--map", "promt=q", "--store", "c.db"], in: directory)
        #expect(bad != 0 && badOutput.contains("did you mean 'prompt'"), "\(badOutput)")
        let (report, reportOutput) = try await Self.quorumCommand(
            ["coeval", "report", String(runID), "-o", "r.html", "--csv", "tables", "--store", "c.db"], in: directory)
        #expect(report == 0, "\(reportOutput)")
        let coverage = try String(contentsOf: directory.appendingPathComponent("tables/coverage.csv"), encoding: .utf8)
        #expect(coverage.hasPrefix("task,attributes,criteria,items,responses,") && coverage.contains("\r\nqa,0,2,3,0,"))
    }
}
