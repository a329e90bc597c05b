import Foundation
import QuorumCore

/// Opens a written report in the desktop's browser through the platform's opener (`xdg-open`, `open`).
public enum ReportOpener {
    /// The opener's name on this platform.
    public static var opener: String {
        #if os(macOS)
            "open"
        #else
            "xdg-open"
        #endif
    }

    /// Hands `path` to the opener, started clean through `ChildProcess` and given 10 s to return.
    /// Throws `.localRuntime` with a sentence when the opener is missing or does not succeed.
    public static func open(
        _ path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        let command = ChildCommand([opener, path], environment: ChildEnvironment.withoutSecrets(environment))
        let outcome = try await ChildProcess.run(command, watchdog: Watchdog(deadline: .seconds(10)))
        guard outcome.succeeded else {
            throw QuorumError(.localRuntime, "could not open \(path): \(opener) ended with \(outcome)")
        }
    }
}
