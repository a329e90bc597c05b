import Foundation
import Synchronization
import Testing

@testable import QuorumCore

#if canImport(Glibc)
import Glibc
#endif

/// A scratch folder for one test's output files.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
    func read(_ name: String) -> String { (try? String(contentsOf: file(name), encoding: .utf8)) ?? "" }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

let shellEnvironment = ["PATH": "/usr/local/bin:/usr/bin:/bin"]

/// The value of `field` (`SigBlk`, `SigIgn`, …) in a `/proc/PID/status` dump.
func statusField(_ field: String, in text: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix("\(field):") }
        .map { $0.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces) }
}

@Suite("ChildProcess")
struct ChildProcessTests {
    @Test("a child starts with no blocked or ignored signal even when its parent's thread blocks them")
    func startsClean() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let command = ChildCommand(
            ["sh", "-c", "cat /proc/self/status; trap '' INT; sleep 0"], environment: shellEnvironment,
            output: .appending(to: folder.file("status")))
        // Block what Swift's pool threads block, on this thread, for the spawn alone.
        let child = try Self.spawnWithBlockedSignals(command)
        #expect(try await child.wait() == .exited(0))
        let status = folder.read("status")
        #expect(statusField("SigBlk", in: status) == "0000000000000000")
        // The standard signals (1–31) must not be ignored; 32 and 33 are glibc's own, set up again by
        // the child's C library at start-up.
        let ignored = try #require(UInt64(statusField("SigIgn", in: status) ?? "", radix: 16))
        #expect(ignored & 0x7fff_ffff == 0)
    }

    @Test("a child leads its own process group, or its own session for servers")
    func ownGroup() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        for grouping in [ChildCommand.Grouping.ownGroup, .ownSession] {
            let out = folder.file("\(grouping)")
            let child = try ChildProcess.spawn(
                ChildCommand(["sh", "-c", "cat /proc/self/stat"], environment: shellEnvironment,
                             output: .appending(to: out), grouping: grouping))
            #expect(try await child.wait() == .exited(0))
            let stat = try String(contentsOf: out, encoding: .utf8)
            let fields = try #require(ProcessGroupUsage.fields(ofStat: stat))
            #expect(fields.group == child.pid)
            let session = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")[3]
            #expect((Int32(session) == child.pid) == (grouping == .ownSession))
        }
    }

    @Test("a child sees exactly the environment and working directory it was given")
    func explicitEnvironment() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        setenv("QUORUM_TEST_LEAK", "should-not-pass", 1)
        defer { unsetenv("QUORUM_TEST_LEAK") }
        let command = ChildCommand(
            ["sh", "-c", "env; pwd"], environment: shellEnvironment.merging(["ONLY_THIS": "yes"]) { $1 },
            directory: folder.url, output: .appending(to: folder.file("env")))
        #expect(try await ChildProcess.run(command) == .finished(.exited(0)))
        let text = folder.read("env")
        #expect(text.contains("ONLY_THIS=yes"))
        #expect(!text.contains("QUORUM_TEST_LEAK"))
        #expect(text.contains(folder.url.resolvingSymlinksInPath().path) || text.contains(folder.url.path))
    }

    @Test("a hung child is killed with everything it started once it shows no sign of work")
    func killsStalledGroup() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        // The grandchild writes its PID, then both sleep: no output, no CPU.
        let script = "sleep 60 & echo $! > \(folder.file("grandchild").path); wait"
        let watchdog = Watchdog(stallLimit: .milliseconds(600), grace: .milliseconds(200), interval: .milliseconds(100))
        let outcome = try await ChildProcess.run(
            ChildCommand(["sh", "-c", script], environment: shellEnvironment, output: .appending(to: folder.file("log"))),
            watchdog: watchdog)
        guard case .stalled(let idle) = outcome else {
            Issue.record("expected a stall, got \(outcome)")
            return
        }
        #expect(idle >= 0.6)
        let grandchild = try #require(Int32(folder.read("grandchild").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(100))
        #expect(isGone(grandchild), "the grandchild must die with the group")
    }

    @Test("a busy child that prints nothing is not judged hung")
    func busyIsNotStalled() async throws {
        let watchdog = Watchdog(stallLimit: .milliseconds(700), interval: .milliseconds(100))
        // About 1.5 s of pure CPU (a shell loop), no output at all.
        let busy = "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done"
        let outcome = try await ChildProcess.run(
            ChildCommand(["sh", "-c", busy], environment: shellEnvironment), watchdog: watchdog)
        #expect(outcome == .finished(.exited(0)))
    }

    @Test("waiting past a deadline kills the child's group and throws a timeout naming the command")
    func waitDeadline() async throws {
        let child = try ChildProcess.spawn(ChildCommand(["sh", "-c", "sleep 30"], environment: shellEnvironment))
        let error = await #expect(throws: QuorumError.self) { try await child.wait(deadline: .milliseconds(200)) }
        #expect(error?.kind == .timeout && error?.message.contains("sh -c sleep 30") == true)
        #expect(kill(child.pid, 0) != 0, "the child was killed and reaped")
    }

    @Test("a child already reaped is not waited on again: a second terminate, a copy's poll and wait all return how it ended")
    func reapedOnce() async throws {
        let child = try ChildProcess.spawn(ChildCommand(["sh", "-c", "exit 3"], environment: shellEnvironment))
        let copy = child
        #expect(try await child.wait(deadline: .seconds(30)) == .exited(3))
        // Before the fix these polled a pid that was gone (ECHILD) forever: a test's cleanup hung.
        #expect(await child.terminate(grace: .milliseconds(100)) == .exited(3))
        #expect(copy.poll() == .exited(3))
        #expect(try await copy.wait(deadline: .seconds(1)) == .exited(3))
    }

    @Test("a child past its deadline is killed and reported as timed out")
    func deadline() async throws {
        let watchdog = Watchdog(deadline: .milliseconds(300), grace: .milliseconds(100), interval: .milliseconds(50))
        let outcome = try await ChildProcess.run(
            ChildCommand(["sleep", "30"], environment: shellEnvironment), watchdog: watchdog)
        guard case .timedOut = outcome else {
            Issue.record("expected a time-out, got \(outcome)")
            return
        }
    }

    @Test("the watched bytes and the output count as progress and are reported")
    func reportsActivity() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let samples = Samples()
        let outcome = try await ChildProcess.run(
            ChildCommand(["sh", "-c", "for i in 1 2 3 4 5; do echo line$i; sleep 0.1; done"],
                         environment: shellEnvironment, output: .appending(to: folder.file("log"))),
            watchdog: Watchdog(stallLimit: .seconds(5), interval: .milliseconds(50)),
            watching: { 42 }, onActivity: { samples.append($0) })
        #expect(outcome == .finished(.exited(0)))
        let last = try #require(samples.all.last)
        #expect(last.watchedBytes == 42)
        #expect(last.outputBytes > 0)
        #expect(samples.all.allSatisfy { $0.idleSeconds < 5 })
    }

    @Test("a program that is not on the child's PATH gets a sentence naming it")
    func missingProgram() throws {
        let error = #expect(throws: QuorumError.self) {
            _ = try ChildProcess.spawn(ChildCommand(["no-such-program-quorum"], environment: shellEnvironment))
        }
        #expect(error?.message.contains("no-such-program-quorum") == true)
    }

    @Test("cancelling the waiting task kills the child's group")
    func cancellation() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let pidFile = folder.file("pid")
        let task = Task {
            try await ChildProcess.run(
                ChildCommand(["sh", "-c", "echo $$ > \(pidFile.path); sleep 60"], environment: shellEnvironment))
        }
        while folder.read("pid").isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let pid = try #require(Int32(folder.read("pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(isGone(pid))
    }

    @Test("credentials are dropped from an inherited environment, everything else kept")
    func dropsSecrets() {
        let kept = ChildEnvironment.withoutSecrets([
            "PATH": "/bin", "OPENAI_API_KEY": "sk", "HF_TOKEN": "t", "PIP_INDEX_URL": "u", "DB_PASSWORD": "p",
            "CMAKE_ARGS": "-DX=1", "AWS_SECRET_ACCESS_KEY": "s",
        ])
        #expect(kept == ["PATH": "/bin", "PIP_INDEX_URL": "u", "CMAKE_ARGS": "-DX=1"])
    }

    static func spawnWithBlockedSignals(_ command: ChildCommand) throws -> ChildProcess {
        var blocked = sigset_t()
        sigfillset(&blocked)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try ChildProcess.spawn(command)
    }
}

/// Whether `pid` has ended: no such process, or a zombie nobody reaped yet (in a container, PID 1
/// may never reap the orphans it inherits).
func isGone(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return true }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return true }
    return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
}

/// Activity samples collected from the watchdog's callback.
final class Samples: Sendable {
    private let storage = Mutex<[ChildActivity]>([])
    func append(_ sample: ChildActivity) { storage.withLock { $0.append(sample) } }
    var all: [ChildActivity] { storage.withLock { $0 } }
}
