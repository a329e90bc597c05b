import Foundation
import Testing

@testable import QuorumProviders

@Suite("Install progress")
struct LocalInstallProgressTests {
    @Test("the build's progress is read from ninja's, pip's indented and make's marks, newest first", arguments: [
        ("[1/206] Building C\n[57/206] Building CXX object x.o\n", 57, 206, false),
        ("  [3/193] /usr/bin/g++ -c a.cpp\n  [4/193] /usr/bin/gcc -c b.c\nwarning: something\n", 4, 193, false),
        ("[ 12%] Building CXX\n[ 45%] Linking CXX executable\n", 45, 100, true),
    ])
    func buildMarks(text: String, done: Int64, total: Int64, isPercent: Bool) throws {
        let mark = try #require(BuildProgress.latest(inText: text))
        #expect(mark.done == done && mark.total == total && mark.isPercent == isPercent)
    }

    @Test("a log with no mark yet, or only text in brackets, gives none")
    func noMark() {
        #expect(BuildProgress.latest(inText: "-- Configuring done\n[warning] not a mark\n") == nil)
    }

    @Test("only what this build wrote counts, not an earlier run's lines in the same log")
    func readsAfterOffset() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-progress-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("[200/206] an old build\n".utf8).write(to: file)
        let offset = UInt64(DownloadMeter.size(of: file))
        #expect(BuildProgress.latest(in: file, after: offset) == nil)
        let handle = try FileHandle(forWritingTo: file)
        handle.seekToEndOfFile()
        handle.write(Data("[3/206] new\n".utf8))
        try handle.close()
        #expect(BuildProgress.latest(in: file, after: offset)?.done == 3)
    }

    @Test("an ETA comes from the rate so far, once there is one")
    func eta() {
        let early = LocalInstallProgress(step: "runtime", activity: "x", elapsed: 1, completed: 10, total: 100)
        #expect(early.remainingSeconds == nil)
        let later = LocalInstallProgress(step: "runtime", activity: "x", elapsed: 30, completed: 50, total: 200)
        #expect(later.remainingSeconds == 90)
        #expect(later.fraction == 0.25)
    }

    @Test("downloaded bytes count each wheel once, in pip's temporary folder or at its destination")
    func downloadMeter() throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let temporary = directory.file(".tmp/pip-unpack-1")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try Data(count: 300).write(to: temporary.appendingPathComponent("a.whl"))
        try Data(count: 500).write(to: directory.file("a.whl"))  // copied, complete
        try Data(count: 200).write(to: temporary.appendingPathComponent("b.whl"))  // still coming
        #expect(DownloadMeter.bytes(in: directory.url) == 700)
    }
}
