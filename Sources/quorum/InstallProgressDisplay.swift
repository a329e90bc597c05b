import Foundation
import QuorumProviders
import Synchronization

/// Shows `quorum local install`'s progress: on a terminal one live line per step (what it does, counts
/// or bytes, elapsed, ETA), rewritten in place; otherwise a plain line when the activity changes and
/// every 30 s; with `--quiet` nothing until the step's result.
final class InstallProgressDisplay: Sendable {
    let isTerminal: Bool
    let quiet: Bool
    private struct State {
        var activity = ""
        var lastLine = ContinuousClock.now
        var live = false
    }
    private let state = Mutex(State())

    init(isTerminal: Bool = isatty(STDOUT_FILENO) != 0, quiet: Bool) {
        self.isTerminal = isTerminal
        self.quiet = quiet
    }

    /// Called by the installer about once a second.
    func update(_ progress: LocalInstallProgress) {
        guard !quiet else { return }
        let line = Self.line(progress)
        state.withLock { state in
            if isTerminal {
                print("\r\u{1B}[2K" + line, terminator: "")
                state.live = true
            } else if progress.activity != state.activity || ContinuousClock.now - state.lastLine >= .seconds(30) {
                print(line)
                state.lastLine = .now
            }
            state.activity = progress.activity
            fflush(nil)
        }
    }

    /// Ends the step: its result replaces the live line.
    func finish(_ text: String) {
        state.withLock { state in
            if state.live { print("\r\u{1B}[2K", terminator: "") }
            state.live = false
            state.activity = ""
            print(text)
            fflush(nil)
        }
    }

    static func line(_ progress: LocalInstallProgress) -> String {
        var parts = ["  " + LocalSetup.column(progress.step) + progress.activity]
        if let completed = progress.completed {
            switch progress.unit {
            case .bytes:
                parts.append(progress.total.map { "\(megabytes(completed))/\(megabytes($0)) MB" } ?? "\(megabytes(completed)) MB")
            case .buildSteps:
                parts.append(progress.total.map { "[\(completed)/\($0)]" } ?? "[\(completed)]")
            case .percent:
                parts.append("\(completed)%")
            }
            if progress.unit != .percent, let fraction = progress.fraction { parts.append("\(Int(fraction * 100))%") }
        }
        parts.append(RunProgressDisplay.duration(progress.elapsed))
        if let remaining = progress.remainingSeconds { parts.append("ETA " + RunProgressDisplay.duration(remaining)) }
        return parts.joined(separator: "  ")
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
}
