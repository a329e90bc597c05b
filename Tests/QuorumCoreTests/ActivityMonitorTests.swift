import Testing

@testable import QuorumCore

/// The watchdog's judgement of work from sampled CPU time, with the clock given: a slow but steady
/// child is working, a sleeping one's wake-ups are not.
@Suite("Activity monitor")
struct ActivityMonitorTests {
    /// Samples every 100 ms for `seconds`, the group's CPU time at each given by `cpu(t)`; returns the
    /// largest idle time seen.
    func longestIdle(seconds: Double, cpu: (Double) -> Double) -> Double {
        let start = ContinuousClock.now
        var monitor = ActivityMonitor(start: start, initialOutput: 0)
        var longest = 0.0
        for step in 0...Int(seconds * 10) {
            let t = Double(step) / 10
            let activity = monitor.sample(output: 0, cpu: cpu(t), watched: 0, now: start + .milliseconds(step * 100))
            longest = max(longest, activity.idleSeconds)
        }
        return longest
    }

    @Test("a child starved to one 10 ms tick every 300 ms (3% of a core) is never judged idle for long")
    func starvedChildWorks() {
        // Sample by sample it gains 0 or 0.01 s, never more than the old per-sample noise floor.
        let idle = longestIdle(seconds: 5) { t in (t / 0.3).rounded(.down) * 0.01 }
        #expect(idle <= 0.5)
    }

    @Test("a sleeping child's wake-ups (1 ms of CPU a second) do not count as work")
    func wakeUpsAreNotWork() {
        let idle = longestIdle(seconds: 10) { t in t.rounded(.down) * 0.001 }
        #expect(idle >= 9.9)
    }

    @Test("output resets the idle time whatever the CPU does")
    func outputIsWork() {
        let start = ContinuousClock.now
        var monitor = ActivityMonitor(start: start, initialOutput: 0)
        _ = monitor.sample(output: 0, cpu: 1, watched: 0, now: start + .seconds(1))
        #expect(monitor.sample(output: 0, cpu: 1, watched: 0, now: start + .seconds(3)).idleSeconds == 3)
        #expect(monitor.sample(output: 10, cpu: 1, watched: 0, now: start + .seconds(4)).idleSeconds == 0)
    }
}
