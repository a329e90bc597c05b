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

    /// Runs `body` against a fresh cluster and stops the cluster afterwards, whatever `body` did;
    /// does nothing (with a message) when PostgreSQL is not installed. The scripts run as supervised
    /// children the task awaits, so no thread of the cooperative pool is held while `initdb` and
    /// `pg_ctl` work.
    static func with(_ body: (PostgresServerProcess) async throws -> Void) async throws {
        guard let (port, folder) = try place() else { return }
        try await scriptAwaited("start", port: port, folder: folder)
        let server = try PostgresServerProcess(port: port, folder: folder)
        do {
            try await body(server)
        } catch {
            await server.shutDown()
            throw error
        }
        await server.shutDown()
    }

    /// A free port and a new folder, or `nil` when PostgreSQL is not installed.
    private static func place() throws -> (port: Int, folder: URL)? {
        guard (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.isEmpty == false else {
            print("skipping PostgreSQL live tests: no server in /usr/lib/postgresql (apt-get install postgresql)")
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-postgres-\(UUID().uuidString)")
        return (try MLflowServerProcess.freePort(), folder)
    }

    /// The cluster the script started in `folder`, with the password it wrote there.
    private convenience init(port: Int, folder: URL) throws {
        let password = try String(contentsOf: folder.appendingPathComponent("password"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        self.init(port: port, folder: folder, password: password)
    }

    /// Stops the cluster and removes its folder, awaiting the script.
    private func shutDown() async {
        try? await Self.scriptAwaited("stop", port: port, folder: folder)
        try? FileManager.default.removeItem(at: folder)
    }

    private static func scriptAwaited(_ action: String, port: Int, folder: URL) async throws {
        let script = LiveEnvironment.repositoryRoot.appendingPathComponent("scripts/postgres-server.sh").path
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-postgres-\(port)-\(action).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let outcome = try await ChildProcess.run(
            ChildCommand([script, action, String(port), folder.path], environment: ProcessInfo.processInfo.environment, output: .appending(to: log)),
            watchdog: Watchdog(deadline: .seconds(120)))
        guard outcome.succeeded else {
            throw QuorumError(.store, "scripts/postgres-server.sh \(action) ended \(outcome): \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
    }
}
