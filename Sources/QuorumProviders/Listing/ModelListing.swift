/// What a provider's listing endpoint offers to one key: its model ids, in the order it gave them.
public struct ModelListing: Sendable, Hashable, Codable {
    public var provider: String
    public var ids: [String]

    public init(provider: String, ids: [String]) {
        self.provider = provider
        self.ids = ids
    }

    /// Whether `model` is offered: the id itself, or a dated snapshot of it (`claude-sonnet-4-5` is
    /// offered when the list has `claude-sonnet-4-5-20250929`), since vendors list snapshots and
    /// configs name aliases.
    public func offers(_ model: String) -> Bool {
        ids.contains(model) || ids.contains { $0.hasPrefix(model + "-") && $0.dropFirst(model.count + 1).first?.isNumber == true }
    }
}

/// Why a listing call gave no list: what a probe reports per model. Never holds a key.
public struct ListingFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// No key in the config or its environment variable: nothing was sent.
        case noKey = "no-key"
        /// HTTP 401: the key was refused.
        case unauthorized
        /// HTTP 403: the key is valid but may not list (or use) models.
        case forbidden
        /// HTTP 404: the endpoint (base URL, Azure resource) does not exist.
        case notFound = "not-found"
        case timeout
        /// No connection: DNS, refused, TLS.
        case unreachable
        /// Any other HTTP status.
        case httpError = "http-error"
        /// An answer that is not the vendor's listing format.
        case malformed
    }

    public var kind: Kind
    public var status: Int?
    /// The reason in a sentence, redacted.
    public var message: String

    public init(_ kind: Kind, status: Int? = nil, _ message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }

    /// Whether the server answered at all (everything but timeouts and connection failures).
    public var isReachable: Bool { ![.timeout, .unreachable, .noKey].contains(kind) }

    public var description: String {
        status.map { "HTTP \($0) (\(kind.rawValue)): \(message)" } ?? "\(kind.rawValue): \(message)"
    }
}
