import Foundation

extension QuorumConfig {
    /// Checks a configuration built in code with the rules `ConfigLoader` applies to a file,
    /// collecting every problem at once.
    ///
    /// What `SystemFactory` builds from must have passed these rules: a loaded config has, and
    /// `Assembly` checks again, so a config built in code calls this first. Problems are located by
    /// key path (there are no lines); relative paths resolve beside `sourcePath`, else the working
    /// directory.
    /// - Returns: the warnings.
    /// - Throws: `ConfigValidationError` with every issue, when any is an error.
    @discardableResult
    public func validate() throws(ConfigValidationError) -> [ConfigIssue] {
        let directory = sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        var validator = ConfigValidator(
            config: self, file: sourcePath ?? "configuration", locations: ConfigLocations(), directory: directory)
        let issues = validator.validate()
        guard !issues.contains(where: { $0.severity == .error }) else { throw ConfigValidationError(issues: issues) }
        return issues
    }
}
