import Foundation
import QuorumCore

extension LocalInstaller {
    /// What a step's progress line shows while its command runs.
    struct StepReport: Sendable {
        /// `runtime` or a model's name.
        var step: String
        /// "compiling llama.cpp", "downloading wheels", …
        var activity: String
        /// When the step (not this command) began, so elapsed time runs on across its commands.
        var started: ContinuousClock.Instant
        /// Reads the step's completed/total units from what the command has done so far.
        var measure: (@Sendable (ChildActivity) -> (completed: Int64?, total: Int64?, unit: LocalInstallProgress.Unit))?
    }

    /// Runs one install command under the watchdog. A command that shows no sign of work for
    /// `stallLimit` is killed with its process group and tried once more; a second stall, or a failed
    /// exit, throws one sentence naming the step, the log and what to try. Nothing already installed is
    /// touched, so `quorum local install` resumes from here.
    func check(
        _ arguments: [String], step: String, failure: String, extraEnvironment: [String: String] = [:],
        watching: (@Sendable () -> Int64)? = nil, report: StepReport? = nil
    ) async throws {
        let watchdog = Watchdog(stallLimit: stallLimit, grace: .seconds(5))
        let onActivity = activityHandler(for: report)
        for attempt in 1...2 {
            let outcome = try await runner.run(
                arguments, log: log, watchdog: watchdog, extraEnvironment: extraEnvironment, watching: watching,
                onActivity: onActivity)
            switch outcome {
            case .finished(.exited(0)):
                return
            case .finished(let termination):
                throw QuorumError(
                    .localRuntime,
                    "\(failure) (exit \(termination.shellStatus)); last lines of \(log.path):\n\(CommandRunner.tail(of: log))")
            case .stalled(let idle), .timedOut(let idle):
                logger.warning(
                    "install step made no progress; killed it",
                    metadata: ["step": "\(step)", "attempt": "\(attempt)", "idle_seconds": "\(Int(idle))"])
                guard attempt == 2 else { continue }
                throw QuorumError(
                    .localRuntime,
                    "\(step) made no progress for \(Int(stallLimit.seconds))s (no output, no CPU, no bytes) twice"
                        + " and was stopped; its log is \(log.path). Run `quorum local install` again to resume;"
                        + " if it stops at the same place, look at the log's last lines:\n\(CommandRunner.tail(of: log))")
            }
        }
    }
}

extension LocalInstaller {
    /// Turns a command's activity into the step's progress, when someone listens.
    private func activityHandler(for report: StepReport?) -> (@Sendable (ChildActivity) -> Void)? {
        guard let progress, let report else { return nil }
        return { activity in
            let measured = report.measure?(activity)
            progress(LocalInstallProgress(
                step: report.step, activity: report.activity, elapsed: report.started.secondsSince,
                completed: measured?.completed, total: measured?.total, unit: measured?.unit ?? .bytes,
                cpuSeconds: activity.cpuSeconds))
        }
    }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant to now.
    var secondsSince: Double { (ContinuousClock.now - self).seconds }
}
