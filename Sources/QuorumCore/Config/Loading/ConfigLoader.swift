import Foundation
import Yams

/// Reads a Quorum YAML file: expands `${VAR}`, decodes every section, and validates the result,
/// collecting every problem with its file, line and key before giving up.
public struct ConfigLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The loaded configuration and its warnings; throws `ConfigValidationError` when anything is an error.
    public func load(path: String) throws(ConfigValidationError) -> (config: QuorumConfig, warnings: [ConfigIssue]) {
        let url = URL(fileURLWithPath: path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read as UTF-8 text" : "no such file"
            throw ConfigValidationError(issues: [ConfigIssue(file: path, line: nil, path: "", message: reason)])
        }
        let result = load(yaml: text, file: path, directory: url.deletingLastPathComponent())
        guard var config = result.config, !result.issues.contains(where: { $0.severity == .error }) else {
            throw ConfigValidationError(issues: result.issues)
        }
        config.sourcePath = url.standardizedFileURL.path
        return (config, result.issues)
    }

    /// Loads YAML text. `file` names it in messages; `directory` is where `.env` and relative
    /// dataset paths are looked for. Returns `nil` for the config when it could not be decoded at all.
    public func load(yaml: String, file: String, directory: URL?) -> (config: QuorumConfig?, issues: [ConfigIssue]) {
        switch ConfigSizeLimit.checkAliases(yaml) {
        case .fine: break
        case .aliasInKey(let line):
            return (nil, [ConfigIssue(file: file, line: line, path: "", message: "a mapping key holds an alias (*name): use a plain key")])
        case .unparsable(let error):
            return (nil, [Self.invalidYAML(error, file: file)])
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                return (QuorumConfig(), [])
            }
            root = composed
        } catch {
            return (nil, [Self.invalidYAML(error, file: file)])
        }
        guard !ConfigSizeLimit.isExceeded(by: root) else {
            return (nil, [ConfigIssue(
                file: file, line: nil, path: "",
                message: "the YAML expands to more than \(ConfigSizeLimit.maximumValues) values: are aliases repeating aliases?")])
        }
        guard root.mapping != nil else {
            return (nil, [ConfigIssue(file: file, line: root.mark?.line, path: "", message: "the file must be a mapping of sections (models:, systems:, …)")])
        }
        var expansion = EnvironmentExpansion(
            variables: EnvironmentExpansion.variables(environment: environment, dotEnvDirectory: directory))
        var rubricFiles = RubricFiles()
        let expanded = rubricFiles.include(expansion.expand(root), file: file, directory: directory)
        var issues = rubricFiles.issues + expansion.unset.map { unset in
            ConfigIssue(.warning, file: file, line: unset.line, path: "", message: "environment variable \(unset.name) is not set")
        }
        let locations = ConfigLocations(root: expanded)
        var sections = SectionDecoder(file: file, locations: locations)
        let config = sections.decode(expanded)
        issues += sections.issues
        var validator = ConfigValidator(config: config, file: file, locations: locations, directory: directory)
        issues += validator.validate()
        issues = issues.map(rubricFiles.attribute)
        issues.sort { ($0.line ?? 0, $0.path) < ($1.line ?? 0, $1.path) }
        return (config, issues)
    }

    private static func invalidYAML(_ error: any Error, file: String) -> ConfigIssue {
        ConfigIssue(file: file, line: (error as? YamlError).flatMap(line(of:)), path: "", message: "invalid YAML: \(error)")
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }
}
