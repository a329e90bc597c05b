import Foundation
import QuorumCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real MLflow server started through `scripts/mlflow-server.sh` in a temporary folder.
final class MLflowServerProcess: Sendable {
    let port: Int
    let folder: URL
    let venv: String

    var url: String { "http://127.0.0.1:\(port)" }

    init(port: Int, folder: URL, venv: String) {
        self.port = port
        self.folder = folder
        self.venv = venv
    }

    /// Starts a server on a free port, or returns `nil` (with a message) when MLflow is not installed.
    static func start() throws -> MLflowServerProcess? {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["QUORUM_HOME"] ?? (NSHomeDirectory() + "/.quorum")
        let venv = environment["QUORUM_MLFLOW_VENV"] ?? home + "/mlflow-venv"
        guard FileManager.default.isExecutableFile(atPath: venv + "/bin/mlflow") else {
            print("skipping MLflow live tests: no MLflow in \(venv); run scripts/mlflow-venv.sh first")
            return nil
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-mlflow-server-\(UUID().uuidString)")
        let server = MLflowServerProcess(port: try freePort(), folder: folder, venv: venv)
        try server.script("start")
        return server
    }

    func stop() { try? script("stop") }

    func restart() throws { try script("start") }

    func script(_ action: String) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var environment = ProcessInfo.processInfo.environment
        environment["QUORUM_MLFLOW_VENV"] = venv
        // Started clean like every child Quorum starts: the server the script leaves running must see SIGTERM.
        let status = try LiveEnvironment.runToEnd(ChildCommand(
            [repository.appendingPathComponent("scripts/mlflow-server.sh").path, action, String(port), folder.path],
            environment: environment, output: .appending(to: folder.appendingPathComponent("script.log"))))
        guard status == 0 else {
            throw MLflowServerError(message: "scripts/mlflow-server.sh \(action) failed; see \(folder.path)/mlflow.log")
        }
    }

    /// A port the kernel just handed out and released.
    static func freePort() throws -> Int {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        guard bound else { throw MLflowServerError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct MLflowServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
