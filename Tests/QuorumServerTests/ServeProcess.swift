import Foundation
import Testing

/// The `quorum` executable `swift build` made, or `nil` before it has (the process suites are then skipped).
let quorumBinary: String? = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/quorum").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// Starts `quorum serve CONFIG --port 0 --log-level warning` plus `options`; returns the process
/// and the port its banner announces ("quorum serve: listening on http://127.0.0.1:PORT/v1 — …").
func startServe(_ config: URL, options: [String] = []) throws -> (Process, Int) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: quorumBinary!)
    process.arguments = ["serve", config.path, "--port", "0"] + options + ["--log-level", "warning"]
    let banner = Pipe()
    process.standardError = banner
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var text = ""
    while !text.contains("/v1 ") {
        let data = banner.fileHandleForReading.availableData
        guard !data.isEmpty else { throw CancellationError() }
        text += String(decoding: data, as: UTF8.self)
    }
    let port = try #require(text.split(separator: ":").compactMap { Int($0.prefix { $0.isNumber }) }.last)
    return (process, port)
}
