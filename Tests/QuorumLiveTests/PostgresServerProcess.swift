import Foundation
import QuorumCore

/// A throwaway PostgreSQL cluster on 127.0.0.1, started through `scripts/postgres-server.sh`.
final class PostgresServerProcess: Sendable {
    let port: Int
    let folder: URL
    /// The store URL, password included (from the file the script wrote).
    let url: String
    let password: String

    private init(port: Int, folder: URL, password: String) {
        self.port = port
        self.folder = folder
        self.password = password
        url = "postgres://quorum:\(password)@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    /// Starts a cluster on a free port, or returns `nil` (with a message) when PostgreSQL is not installed.
    static func start() throws -> PostgresServerProcess? {
        guard (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.isEmpty == false else {
            print("skipping PostgreSQL live tests: no server in /usr/lib/postgresql (apt-get install postgresql)")
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-postgres-\(UUID().uuidString)")
        let port = try MLflowServerProcess.freePort()
        try script("start", port: port, folder: folder)
        let password = try String(contentsOf: folder.appendingPathComponent("password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresServerProcess(port: port, folder: folder, password: password)
    }

    func stop() {
        try? Self.script("stop", port: port, folder: folder)
        try? FileManager.default.removeItem(at: folder)
    }

    private static func script(_ action: String, port: Int, folder: URL) throws {
        let script = LiveEnvironment.repositoryRoot.appendingPathComponent("scripts/postgres-server.sh").path
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-postgres-\(port)-\(action).log")
        let status = try LiveEnvironment.runToEnd(ChildCommand(
            [script, action, String(port), folder.path], environment: ProcessInfo.processInfo.environment,
            output: .appending(to: log)))
        defer { try? FileManager.default.removeItem(at: log) }
        guard status == 0 else {
            throw QuorumError(.store, "scripts/postgres-server.sh \(action) failed: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
    }
}
