import Foundation
import QuorumCore
import Testing

@testable import QuorumEvaluation

@Suite("ReportOpener")
struct ReportOpenerTests {
    @Test("the browser opener gets the report's path and starts with no blocked signal")
    func opensClean() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A stand-in opener that records what it was given and the signals it can see.
        let opener = folder.appendingPathComponent(ReportOpener.opener)
        let record = folder.appendingPathComponent("record")
        try "#!/bin/sh\necho \"$1\" > \(record.path)\ngrep SigBlk /proc/self/status >> \(record.path)\n"
            .write(to: opener, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener.path)
        try await ReportOpener.open("/tmp/report.html", environment: ["PATH": "\(folder.path):/usr/bin:/bin"])
        let text = try String(contentsOf: record, encoding: .utf8)
        #expect(text.hasPrefix("/tmp/report.html\n"))
        #expect(text.contains("SigBlk:\t0000000000000000"))
    }

    @Test("a missing opener is a sentence, not a crash")
    func missingOpener() async {
        let error = await #expect(throws: QuorumError.self) {
            try await ReportOpener.open("/tmp/report.html", environment: ["PATH": "/nonexistent"])
        }
        #expect(error?.message.contains(ReportOpener.opener) == true)
    }
}
