/// Which llama.cpp server the local runtime builds and runs.
public enum LocalServerKind: String, Sendable, Hashable, CaseIterable {
    /// llama.cpp's own C++ server, built from the sources the pinned `llama-cpp-python` sdist vendors:
    /// token logprobs, `/v1/embeddings`, parallel slots with continuous batching. The default.
    case llamaServer = "llama-server"
    /// The Python server of `llama-cpp-python[server]`, as Quorum shipped it first.
    case python

    /// The `QUORUM_LOCAL_SERVER` value that selects it.
    public var name: String { rawValue }

    /// A word for `/proc/PID/cmdline` that tells this server from any other process with a recycled PID.
    var commandLineMarker: String {
        switch self {
        case .llamaServer: "llama-server"
        case .python: "llama_cpp.server"
        }
    }
}
