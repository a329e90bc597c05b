import Foundation

/// The `quorum` executable `swift build` made in this checkout, or `nil` before it has (tests that
/// run it as a process are then skipped).
public let quorumExecutable: String? = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/quorum").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()
