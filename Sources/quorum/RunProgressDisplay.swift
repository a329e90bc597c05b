import Foundation
import QuorumCore
import QuorumEvaluation

/// Shows a run's progress on stderr: one live line on a terminal, a plain line every 10 s otherwise.
struct RunProgressDisplay {
    var tracker: ProgressTracker
    var isTerminal = isatty(STDERR_FILENO) != 0

    /// Runs until cancelled, then writes a last line.
    func show() async {
        let interval: Duration = isTerminal ? .milliseconds(250) : .seconds(10)
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            write(tracker.snapshot(), final: Task.isCancelled)
        }
    }

    func write(_ progress: RunProgress, final: Bool) {
        let systems = progress.systems.map { system in
            var text = "\(system.system) \(system.finished)/\(system.total)"
            if system.failed > 0 { text += " (\(system.failed) failed)" }
            return text + " \(system.cost.formatted)"
        }.joined(separator: " · ")
        var line = systems + String(format: " · %.1f items/s", progress.rate)
        if let eta = progress.eta, progress.remaining > 0 { line += " · ETA \(Self.duration(eta))" }
        let text = isTerminal ? "\r\u{1B}[2K" + line + (final ? "\n" : "") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? "\(total / 3600)h\(total % 3600 / 60)m" : total >= 60 ? "\(total / 60)m\(total % 60)s" : "\(total)s"
    }
}
