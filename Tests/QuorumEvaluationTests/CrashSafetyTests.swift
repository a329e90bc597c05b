import Foundation
import GRDB
import QuorumCore
import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumEvaluation

/// The `quorum` executable built beside the tests, when it is there.
private let quorumExecutable: URL? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let binary = root.appendingPathComponent(".build/debug/quorum")
    return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
}()

@Suite("Crash safety")
struct CrashSafetyTests {
    /// Starts `quorum` with `arguments`; its standard error goes to `errors` (else nowhere).
    func quorum(_ arguments: [String], errors: Pipe? = nil, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = quorumExecutable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        if let errors { process.standardError = errors } else { process.standardError = FileHandle.nullDevice }
        try process.run()
        return process
    }

    @Test(
        "a run killed with SIGKILL mid-way and continued answers every item once and replays every journaled call",
        .enabled(if: quorumExecutable != nil, "needs the quorum executable (swift build)"))
    func sigkillThenContinue() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runs.db").path
        let total = 3_000
        let first = try quorum(["bench", "run", "--items", "\(total)", "--concurrency", "8", "--store", path])
        var answeredAtKill = 0
        for _ in 0..<300 where answeredAtKill < 300 {
            try await Task.sleep(for: .milliseconds(50))
            guard FileManager.default.fileExists(atPath: path), let store = try? SQLiteRunStore(path: path),
                let run = try? await store.runs().first
            else { continue }
            answeredAtKill = (try? await store.items(ofRun: run.id).count { $0.status == .answered }) ?? 0
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        let store = try SQLiteRunStore(path: path)
        let runID = try #require(try await store.runs().first?.id)
        let before = try await store.items(ofRun: runID)
        let answeredBefore = Dictionary(uniqueKeysWithValues: before.filter { $0.status == .answered }.map { ($0.itemID, $0) })
        #expect(answeredBefore.count >= 300 && answeredBefore.count < total)
        let journaledUnanswered = try await store.pairsWithCalls(ofRun: runID).map(\.item).filter { answeredBefore[$0] == nil }

        let second = try quorum(["bench", "run", "--items", "\(total)", "--store", path, "--continue", runID])
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)

        let after = try await store.items(ofRun: runID)
        #expect(after.count == total)
        #expect(after.allSatisfy { $0.status == .answered })
        let byID = Dictionary(uniqueKeysWithValues: after.map { ($0.itemID, $0) })
        for (id, item) in answeredBefore { #expect(byID[id]?.updatedAt == item.updatedAt, "item \(id) was answered again") }
        for id in journaledUnanswered {
            #expect(byID[id]?.trace?.calls.allSatisfy(\.replayed) == true, "call of \(id) was paid twice")
        }
        // Exactly one stored (paid) call per item.
        #expect(try await store.spending(ofRun: runID).callsByModel == ["stub": total])
    }

    /// Runs `quorum` to the end and returns its exit status and standard error.
    func quorumOutput(_ arguments: [String]) throws -> (status: Int32, error: String) {
        let errors = Pipe()
        let process = try quorum(arguments, errors: errors)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(
        "an unexpected error ends in one sentence naming the command and what was kept; --debug adds the detail",
        .enabled(if: quorumExecutable != nil, "needs the quorum executable (swift build)"))
    func unexpectedErrorSentence() async throws {
        let temporary = try TemporaryStore()
        let runID = try await temporary.createRun(items: arithmeticItems(2), systems: ["base", "alt"])
        // A row no migration wrote: the traces are not JSON, so decoding fails below Quorum's errors.
        try await temporary.store.pool.write { try $0.execute(sql: "UPDATE item SET trace = '{not json'") }
        let plain = try quorumOutput(["compare", runID, "--store", temporary.folder.appendingPathComponent("runs.db").path, "--no-judging"])
        #expect(plain.status == 1)
        let lines = plain.error.split(separator: "\n")
        #expect(lines.count { $0.contains("stopped") } == 1)
        #expect(lines.last?.hasPrefix("quorum compare stopped on an unexpected internal error (DecodingError); every verdict judged before it is stored") == true)
        #expect(!plain.error.contains("Swift.DecodingError"))
        let debug = try quorumOutput(["compare", runID, "--store", temporary.folder.appendingPathComponent("runs.db").path, "--no-judging", "--debug"])
        #expect(debug.status == 1 && debug.error.contains("Swift.DecodingError") && debug.error.contains("not valid JSON"))
    }

    @Test(
        "a trap (here a SIGILL sent to a running command) prints the command and what it kept, then dies by the signal",
        .enabled(if: quorumExecutable != nil, "needs the quorum executable (swift build)"))
    func trapSentence() async throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("quorum-trap-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("runs.db").path
        let errors = Pipe()
        // Swift's backtracer would spend tens of seconds of both cores symbolicating the trap, and slow
        // every test running beside this one; the sentence under test is printed before it runs.
        let process = try quorum(
            ["bench", "run", "--items", "100000", "--store", path], errors: errors,
            environment: ["SWIFT_BACKTRACE": "enable=no"])
        // The run is in the store only once `main` has run, so the handler is installed by then.
        for _ in 0..<600 {
            if FileManager.default.fileExists(atPath: path), let store = try? SQLiteRunStore(path: path),
                (try? await store.runs().first) != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(process.processIdentifier, SIGILL)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGILL)
        #expect(text.contains("quorum bench run stopped on an internal error (a bug in Quorum); nothing outside the benchmark's own store was changed"))
    }
}
