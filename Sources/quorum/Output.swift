import ArgumentParser
import Foundation
import QuorumCore

/// Writes a line to standard error (problems, progress), keeping standard output for results.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints `value` as pretty, key-sorted JSON: the machine-readable twin of a command's table,
/// what every `--json` flag prints.
func printJSON<Value: Encodable>(_ value: Value) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    // Statistics never return NaN (they say why they have no value), but a stray one must not
    // turn a finished comparison into an encoding error.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Loads and validates a configuration, printing warnings; every command that takes a config
/// goes through here so that validation always comes first.
func loadConfig(_ path: String) throws -> QuorumConfig {
    do {
        let loaded = try ConfigLoader().load(path: path)
        loaded.warnings.forEach { printError($0.description) }
        return loaded.config
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}

/// Whether standard output is a terminal (colour and live progress only then).
var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

/// Dims `text` on a terminal.
func dim(_ text: String) -> String { isTerminal ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

/// `1 model`, `3 models`.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
