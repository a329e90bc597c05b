import Crypto
import Foundation
import QuorumCore

/// Size and SHA-256 of a file, read in chunks so a 1 GB model never sits in memory.
public struct FileDigest: Sendable, Hashable {
    public var byteCount: Int64
    /// Lowercase hex.
    public var sha256: String

    public init(byteCount: Int64, sha256: String) {
        self.byteCount = byteCount
        self.sha256 = sha256
    }

    /// Reads `file` from start to end in `chunkSize` pieces. Throws `.localRuntime` when it cannot be read.
    public init(of file: URL, chunkSize: Int = 4 << 20) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: file)
        } catch {
            throw QuorumError(.localRuntime, "cannot read \(file.path): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            hasher.update(data: chunk)
            total += Int64(chunk.count)
        }
        self.byteCount = total
        self.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Throws a `.localRuntime` error naming the file, the expected and the found values when they differ.
    public func verify(against expected: FileDigest, file: URL) throws {
        if byteCount != expected.byteCount {
            throw QuorumError(
                .localRuntime,
                "\(file.lastPathComponent) is \(byteCount) bytes, expected \(expected.byteCount); delete it and install again",
                context: ["file": file.path])
        }
        if sha256 != expected.sha256 {
            throw QuorumError(
                .localRuntime,
                "\(file.lastPathComponent) has SHA-256 \(sha256), expected \(expected.sha256); delete it and install again",
                context: ["file": file.path])
        }
    }
}

extension LocalModel {
    /// What the assembled weights must measure.
    public var expectedDigest: FileDigest { FileDigest(byteCount: byteCount, sha256: sha256) }
}
