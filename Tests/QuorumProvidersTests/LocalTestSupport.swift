import Foundation

@testable import QuorumProviders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory under the system temp folder, removed by `remove()`.
struct LocalTemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A TCP listener on 127.0.0.1 that holds a port until closed, to make a port "taken".
struct LocalPortHolder {
    let descriptor: Int32
    let port: Int

    /// Listens on `port`, or on an ephemeral port when `port` is 0.
    init(port: Int = 0) throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else {
            _ = close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func release() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}

/// A Quorum home whose "virtual environment" is a shell script: enough for the runtime's own logic
/// (install checks, assembly, process table) without pip, llama.cpp or model weights.
struct LocalFakeHome {
    let directory: LocalTemporaryDirectory
    let configuration: LocalRuntimeConfiguration

    /// `server` is the Python the fake `venv/bin/python` runs in place of `-m llama_cpp.server`;
    /// `nil` gives a `python` that is plain `python3`.
    init(portBase: Int = 18081, server: String? = nil, withVenv: Bool = true) throws {
        directory = try LocalTemporaryDirectory()
        var configuration = LocalRuntimeConfiguration(home: directory.url, portBase: portBase, server: .python)
        configuration.startTimeout = 20
        self.configuration = configuration
        guard withVenv else { return }
        let bin = configuration.venvPython.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        var script = "#!/bin/sh\nexec python3 \"$@\"\n"
        if let server {
            let serverFile = directory.file("fake_server.py")
            try server.write(to: serverFile, atomically: true, encoding: .utf8)
            // The arguments follow the script, so the process's command line still names llama_cpp.server.
            script = "#!/bin/sh\nexec python3 \(serverFile.path) \"$@\"\n"
        }
        try script.write(to: configuration.venvPython, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: configuration.venvPython.path)
    }

    /// Puts a placeholder weights file in place for `model` (the runtime checks only that it exists).
    func placeWeights(for model: LocalModel) throws {
        try FileManager.default.createDirectory(at: configuration.modelsDirectory, withIntermediateDirectories: true)
        try Data("GGUF".utf8).write(to: configuration.weightsFile(for: model))
    }

    func remove() { directory.remove() }

    /// Answers `GET /v1/models` with the alias it was started with, like llama.cpp's server.
    static let healthyServer = """
        import http.server, json, sys
        args = sys.argv[3:]
        options = dict(zip(args[0::2], args[1::2]))
        body = json.dumps({"object": "list", "data": [{"id": options["--model_alias"], "object": "model"}]}).encode()
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200 if self.path == "/v1/models" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args):
                pass
        http.server.HTTPServer(("127.0.0.1", int(options["--port"])), Handler).serve_forever()
        """

    /// Exits at once with a message, like a server given a corrupt model.
    static let crashingServer = """
        import sys
        print("error: failed to load model: corrupt GGUF header", file=sys.stderr)
        sys.exit(1)
        """

    /// A port base whose first three ports are free now. Drawn below the kernel's ephemeral range
    /// (32768 and up), where an outgoing connection of a parallel test could take the port between
    /// this check and the server's bind.
    static func freePort() throws -> Int {
        for _ in 0..<200 {
            let base = Int.random(in: 20_000..<32_000)
            if (base..<base + 3).allSatisfy(PortProbe.isFree) { return base }
        }
        throw POSIXError(.EADDRINUSE)
    }
}
