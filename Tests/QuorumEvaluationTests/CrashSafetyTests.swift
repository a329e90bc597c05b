import Foundation
import QuorumCore
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
    func quorum(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = quorumExecutable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
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
}
