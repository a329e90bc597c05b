import Foundation
import Logging
import QuorumProviders

/// Builds the runtime objects from the environment for one command.
enum LocalSetup {
    static func configuration() throws -> LocalRuntimeConfiguration {
        try LocalRuntimeConfiguration(environment: ProcessInfo.processInfo.environment)
    }

    /// A logger at `QUORUM_LOG_LEVEL` (default `warning`: the commands print their own progress).
    static func logger() -> Logger {
        var logger = Logger(label: "quorum")
        let level = ProcessInfo.processInfo.environment["QUORUM_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = level ?? .warning
        return logger
    }

    static func runtime() throws -> LocalRuntime {
        LocalRuntime(configuration: try configuration(), logger: logger())
    }
}

extension LocalSetup {
    /// `text` padded to the width of the longest catalog name, for aligned output.
    static func column(_ text: String) -> String {
        text.padding(toLength: 20, withPad: " ", startingAt: 0)
    }
}
