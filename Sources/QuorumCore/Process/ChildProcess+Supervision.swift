import Foundation

extension ChildProcess {
    /// Runs `command` to its end under `watchdog`: a child that stalls or overruns is killed with its
    /// whole process group (SIGTERM, then SIGKILL after the grace) and reported, never waited on forever.
    ///
    /// - Parameters:
    ///   - watching: the caller's own progress measure, sampled each interval (bytes downloaded, say);
    ///     its growth counts as a sign of work.
    ///   - onActivity: called each interval with what the child has done, for progress display.
    /// - Throws: `.localRuntime` when the program cannot be started; `CancellationError` when the task
    ///   is cancelled (the group is killed first).
    public static func run(
        _ command: ChildCommand, watchdog: Watchdog = Watchdog(),
        watching: (@Sendable () -> Int64)? = nil,
        onActivity: (@Sendable (ChildActivity) -> Void)? = nil
    ) async throws -> SupervisedOutcome {
        let initialOutput = Self.outputSize(command.output)
        let child = try spawn(command)
        var monitor = ActivityMonitor(start: .now, initialOutput: initialOutput)
        var pause = 1
        var nextSample = ContinuousClock.now + watchdog.interval
        while true {
            if let termination = child.poll() { return .finished(termination) }
            do {
                try await Task.sleep(for: .milliseconds(pause))
            } catch {
                await child.terminate(grace: watchdog.grace)
                throw error
            }
            pause = min(pause * 2, 50)
            guard ContinuousClock.now >= nextSample else { continue }
            nextSample = ContinuousClock.now + watchdog.interval
            // Reading /proc costs a scan of every process: only a stall limit needs it.
            let cpu = watchdog.stallLimit == nil ? nil : ProcessGroupUsage.cpuSeconds(ofGroup: child.pid)
            let activity = monitor.sample(
                output: Self.outputSize(command.output), cpu: cpu, watched: watching?() ?? 0)
            onActivity?(activity)
            if let stall = watchdog.stallLimit, activity.idleSeconds >= stall.seconds {
                if let ended = await child.kill(under: watchdog) { return .finished(ended) }
                return .stalled(idleSeconds: activity.idleSeconds)
            }
            if let deadline = watchdog.deadline, activity.elapsed >= deadline.seconds {
                if let ended = await child.kill(under: watchdog) { return .finished(ended) }
                return .timedOut(seconds: activity.elapsed)
            }
        }
    }

    /// Kills the group; returns how the child ended only if it had ended by itself in the meantime.
    private func kill(under watchdog: Watchdog) async -> Termination? {
        if let termination = poll() {
            signalGroup(SIGKILL)
            return termination
        }
        await terminate(grace: watchdog.grace)
        return nil
    }

    static func outputSize(_ output: ChildCommand.Output) -> Int64 {
        guard case .appending(let file) = output,
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber
        else { return 0 }
        return size.int64Value
    }
}

/// Turns samples of output size, CPU time and watched bytes into a child's activity: any growth is a
/// sign of work and resets the idle time.
struct ActivityMonitor {
    let start: ContinuousClock.Instant
    let initialOutput: Int64
    private var lastOutput: Int64
    /// The group's CPU time when work was last seen (or first read).
    private var cpuAtLastWork: Double?
    private var lastWatched: Int64 = 0
    private var lastWork: ContinuousClock.Instant

    init(start: ContinuousClock.Instant, initialOutput: Int64) {
        self.start = start
        self.initialOutput = initialOutput
        self.lastOutput = initialOutput
        self.lastWork = start
    }

    /// CPU used at less than this share of one core since the last sign of work is bookkeeping (a
    /// sleeping process's wake-ups), not work. A rate over that whole span, not a per-sample amount:
    /// a compiler starved to a quarter of a core gains a 10 ms tick only every few samples, and
    /// compared sample by sample it looked hung on a loaded machine.
    static let cpuNoiseShare = 0.02

    mutating func sample(output: Int64, cpu: Double?, watched: Int64, now: ContinuousClock.Instant = .now)
        -> ChildActivity
    {
        if cpuAtLastWork == nil { cpuAtLastWork = cpu }
        let sinceWork = (now - lastWork).seconds
        let cpuGrew = cpu.map { $0 - (cpuAtLastWork ?? $0) > Self.cpuNoiseShare * sinceWork } ?? false
        if output > lastOutput || cpuGrew || watched > lastWatched {
            lastWork = now
            cpuAtLastWork = cpu ?? cpuAtLastWork
        }
        lastOutput = max(lastOutput, output)
        lastWatched = max(lastWatched, watched)
        return ChildActivity(
            elapsed: (now - start).seconds, outputBytes: output - initialOutput, cpuSeconds: cpu,
            watchedBytes: watched, idleSeconds: (now - lastWork).seconds)
    }
}

extension Duration {
    /// This duration in seconds.
    package var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
