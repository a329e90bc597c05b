/// One problem found in a configuration file, located by file, line and key path.
public struct ConfigIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var file: String
    public var line: Int?
    /// `systems[1].gate.judge`.
    public var path: String
    public var message: String

    public init(_ severity: Severity = .error, file: String, line: Int?, path: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    /// `experiment.yaml:14: systems[1].gate.judge: no judge named 'strct' (did you mean 'strict'?)`.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        let prefix = severity == .warning ? "warning: " : ""
        return path.isEmpty ? "\(location): \(prefix)\(message)" : "\(location): \(prefix)\(path): \(message)"
    }
}

/// Thrown when a configuration has errors; carries all of them (warnings included), in file order.
public struct ConfigValidationError: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) { self.issues = issues }

    public var errors: [ConfigIssue] { issues.filter { $0.severity == .error } }

    public var description: String {
        let count = errors.count
        let header = "\(count) problem\(count == 1 ? "" : "s") in the configuration:"
        return ([header] + issues.map { "  \($0)" }).joined(separator: "\n")
    }
}
