import Foundation
import QuorumCore
import Yams

/// Reads a config file for the run commands.
///
/// Interim: decodes the YAML directly until the foundation's validating loader lands on main.
enum RunConfigLoading {
    static func load(_ path: String) throws -> QuorumConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw QuorumError(.configuration, "cannot read config file \(path)", context: ["file": path])
        }
        do {
            var config = try YAMLDecoder().decode(QuorumConfig.self, from: text)
            config.sourcePath = URL(fileURLWithPath: path).standardizedFileURL.path
            return config
        } catch {
            throw QuorumError(.configuration, "\(path): \(error)", context: ["file": path])
        }
    }
}
