import Foundation
import QuorumCore
import Testing

@testable import QuorumProviders

@Suite("FileDigest")
struct LocalFileDigestTests {
    /// SHA-256 of "abc" (FIPS 180-2 test vector).
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("hashes a file in chunks to the same digest as in one piece", arguments: [1, 2, 4 << 20])
    func hashesInChunks(chunkSize: Int) throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("abc.bin")
        try Data("abc".utf8).write(to: file)
        let digest = try FileDigest(of: file, chunkSize: chunkSize)
        #expect(digest == FileDigest(byteCount: 3, sha256: abc))
    }

    @Test("reports a wrong size before a wrong hash, naming both values")
    func reportsMismatches() throws {
        let directory = try LocalTemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("abc.bin")
        try Data("abc".utf8).write(to: file)
        let digest = try FileDigest(of: file)
        let size = #expect(throws: QuorumError.self) {
            try digest.verify(against: FileDigest(byteCount: 4, sha256: abc), file: file)
        }
        #expect(size?.message.contains("is 3 bytes, expected 4") == true)
        let hash = #expect(throws: QuorumError.self) {
            try digest.verify(against: FileDigest(byteCount: 3, sha256: String(repeating: "0", count: 64)), file: file)
        }
        #expect(hash?.message.contains("has SHA-256 \(abc)") == true)
        try digest.verify(against: FileDigest(byteCount: 3, sha256: abc), file: file)
    }

    @Test("fails with a local-runtime error when the file is missing")
    func failsOnMissingFile() {
        #expect(throws: QuorumError.self) { try FileDigest(of: URL(fileURLWithPath: "/nonexistent/quorum.gguf")) }
    }
}
