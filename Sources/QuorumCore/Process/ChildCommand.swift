import Foundation

/// What to run as a child process: the command line, its environment, where it runs and where its
/// output goes. A plain value, so callers build it and `ChildProcess` is the one place that starts it.
public struct ChildCommand: Sendable, Hashable {
    /// How the child is detached from `quorum`'s own terminal and process group.
    public enum Grouping: Sendable, Hashable {
        /// Its own process group (the default): the watchdog signals the child and everything it
        /// started, and a Ctrl-C in `quorum`'s terminal still reaches it through the terminal's group
        /// only if `quorum` forwards it.
        case ownGroup
        /// Its own session, for servers that outlive the command that started them.
        case ownSession
    }

    /// Where the child's standard output and standard error go.
    public enum Output: Sendable, Hashable {
        /// Discarded.
        case discard
        /// Appended to this file (created if missing); both streams go there, interleaved.
        case appending(to: URL)
    }

    /// `arguments[0]` is an absolute path, or a name looked up on the child's own `PATH`.
    public var arguments: [String]
    /// The child's whole environment: nothing is inherited that is not listed here.
    public var environment: [String: String]
    /// The working directory; `nil` keeps `quorum`'s own.
    public var directory: URL?
    public var output: Output
    public var grouping: Grouping

    public init(
        _ arguments: [String], environment: [String: String], directory: URL? = nil, output: Output = .discard,
        grouping: Grouping = .ownGroup
    ) {
        precondition(!arguments.isEmpty, "a command needs at least its program")
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.output = output
        self.grouping = grouping
    }

    /// The program as a path: `arguments[0]` itself when it has a slash, else the first executable
    /// match on the child's `PATH` (not `quorum`'s: the child's environment is the one it will have).
    public func resolvedProgram() -> String? {
        let program = arguments[0]
        if program.contains("/") { return program }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The command line as one string, for logs (arguments are shown as they are: never pass secrets
    /// on a command line, where `ps` shows them too).
    public var commandLine: String { arguments.joined(separator: " ") }
}
