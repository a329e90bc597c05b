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

    @Test("runs each server on 127.0.0.1 with the flags measured to matter on 2 cores")
    func serverArguments() throws {
        let configuration = LocalRuntimeConfiguration(home: URL(fileURLWithPath: "/q"), portBase: 20000)
        let arguments = configuration.serverArguments(for: large)
        #expect(Array(arguments.prefix(3)) == ["/q/venv/bin/python", "-m", "llama_cpp.server"])
        let options = Dictionary(
            uniqueKeysWithValues: stride(from: 3, to: arguments.count, by: 2).map { (arguments[$0], arguments[$0 + 1]) })
        #expect(options["--model"] == "/q/models/qwen2.5-coder-1.5b.gguf")
        #expect(options["--model_alias"] == "qwen2.5-coder-1.5b")
        #expect(options["--host"] == "127.0.0.1")
        #expect(options["--port"] == "20002")
        #expect(options["--n_threads"] == "1")
        #expect(options["--logits_all"] == "False")
        #expect(options["--interrupt_requests"] == "False")
        #expect(options["--n_ctx"] == "4096")
    }
}
