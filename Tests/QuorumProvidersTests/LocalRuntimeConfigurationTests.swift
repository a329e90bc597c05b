import Foundation
import QuorumCore
import Testing

@testable import QuorumProviders

@Suite("LocalRuntimeConfiguration")
struct LocalRuntimeConfigurationTests {
    let small = LocalModelCatalog.standard.models[0]
    let large = LocalModelCatalog.standard.models[2]

    @Test("defaults to ~/.quorum and ports 18081 upwards")
    func defaults() throws {
        let configuration = try LocalRuntimeConfiguration(environment: ["HOME": "/home/ada"])
        #expect(configuration.home.path == "/home/ada/.quorum")
        #expect(configuration.venvPython.path == "/home/ada/.quorum/venv/bin/python")
        #expect(configuration.runDirectory.path == "/home/ada/.quorum/run")
        #expect(configuration.weightsFile(for: small).path == "/home/ada/.quorum/models/smollm2-135m.gguf")
        #expect(LocalModelCatalog.standard.models.map(configuration.port(for:)) == [18081, 18082, 18083])
        #expect(configuration.baseURL(for: large).absoluteString == "http://127.0.0.1:18083/v1")
    }

    @Test("reads QUORUM_HOME and QUORUM_LOCAL_PORT_BASE from the environment")
    func readsEnvironment() throws {
        let configuration = try LocalRuntimeConfiguration(
            environment: ["HOME": "/home/ada", "QUORUM_HOME": "/srv/quorum", "QUORUM_LOCAL_PORT_BASE": "28000"])
        #expect(configuration.home.path == "/srv/quorum")
        #expect(configuration.port(for: small) == 28000)
        #expect(configuration.port(for: large) == 28002)
    }

    @Test("rejects a port base that is not a usable port", arguments: ["80", "port", "70000"])
    func rejectsBadPortBase(value: String) {
        #expect(throws: QuorumError.self) {
            try LocalRuntimeConfiguration(environment: ["HOME": "/tmp", "QUORUM_LOCAL_PORT_BASE": value])
        }
    }

    @Test("runs the Python server on 127.0.0.1 with the flags measured to matter on 2 cores")
    func pythonServerArguments() throws {
        let configuration = LocalRuntimeConfiguration(home: URL(fileURLWithPath: "/q"), portBase: 20000, server: .python)
        let arguments = configuration.serverArguments(for: large)
        #expect(Array(arguments.prefix(3)) == ["/q/venv/bin/python", "-m", "llama_cpp.server"])
        let options = Self.options(arguments.dropFirst(3))
        #expect(options["--model"] == "/q/models/qwen2.5-coder-1.5b.gguf")
        #expect(options["--model_alias"] == "qwen2.5-coder-1.5b")
        #expect(options["--host"] == "127.0.0.1")
        #expect(options["--port"] == "20002")
        #expect(options["--n_threads"] == "1")
        #expect(options["--logits_all"] == "False")
        #expect(options["--interrupt_requests"] == "False")
        #expect(options["--n_ctx"] == "4096")
    }

    @Test("runs llama-server on 127.0.0.1 with parallel slots over one unified cache")
    func llamaServerArguments() throws {
        let configuration = LocalRuntimeConfiguration(home: URL(fileURLWithPath: "/q"), portBase: 20000)
        #expect(configuration.server == .llamaServer)
        let arguments = configuration.serverArguments(for: large)
        #expect(arguments.first == "/q/bin/llama-server")
        let flags = arguments.dropFirst().filter { $0.hasPrefix("--") }
        let options = Self.options(arguments.dropFirst().filter { !["--kv-unified", "--jinja", "--no-webui"].contains($0) })
        #expect(options["--model"] == "/q/models/qwen2.5-coder-1.5b.gguf")
        #expect(options["--alias"] == "qwen2.5-coder-1.5b")
        #expect(options["--host"] == "127.0.0.1")
        #expect(options["--port"] == "20002")
        #expect(options["--parallel"] == "4")
        #expect(options["--ctx-size"] == "8192")
        #expect(flags.contains("--kv-unified") && flags.contains("--no-webui"))
    }

    @Test("QUORUM_LOCAL_SERVER picks the server, and a wrong value is a sentence")
    func serverKindFromEnvironment() throws {
        let python = try LocalRuntimeConfiguration(environment: ["HOME": "/tmp", "QUORUM_LOCAL_SERVER": "python"])
        #expect(python.server == .python)
        let error = #expect(throws: QuorumError.self) {
            try LocalRuntimeConfiguration(environment: ["HOME": "/tmp", "QUORUM_LOCAL_SERVER": "vllm"])
        }
        #expect(error?.message.contains("llama-server, python") == true)
    }

    static func options(_ arguments: some Collection<String>) -> [String: String] {
        let list = Array(arguments)
        return Dictionary(uniqueKeysWithValues: stride(from: 0, to: list.count - 1, by: 2).map { (list[$0], list[$0 + 1]) })
    }
}
