/// An error a user reads: what happened, where, and what to do.
///
/// Each layer reports through this one type with a `kind`; `context` names the model, file:line,
/// HTTP status and the like. Messages never contain secrets (providers redact keys before
/// building one).
public struct QuorumError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case configuration
        case authentication
        case rateLimited = "rate_limited"
        case contextTooLong = "context_too_long"
        case contentFiltered = "content_filtered"
        case invalidRequest = "invalid_request"
        case notFound = "not_found"
        case upstreamUnavailable = "upstream_unavailable"
        case malformedResponse = "malformed_response"
        case timeout
        case streamInterrupted = "stream_interrupted"
        case budgetExhausted = "budget_exhausted"
        case quotaExhausted = "quota_exhausted"
        case cancelled
        case localRuntime = "local_runtime"
        case dataset
        case store
        case judge
        case `internal`
    }

    public var kind: Kind
    public var message: String
    /// Where it happened: the model, system, file:line, item — whatever a user needs to find it.
    public var context: [String: String]
    /// HTTP status from an upstream, when there was one.
    public var httpStatus: Int?
    /// Seconds the upstream asked us to wait before trying again.
    public var retryAfter: Double?

    public init(
        _ kind: Kind, _ message: String, context: [String: String] = [:], httpStatus: Int? = nil,
        retryAfter: Double? = nil
    ) {
        self.kind = kind
        self.message = message
        self.context = context
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
    }

    /// Whether trying the same call again may succeed.
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .upstreamUnavailable, .timeout, .streamInterrupted: true
        default: false
        }
    }

    public var description: String {
        var prefix = ""
        if let model = context["model"] { prefix += "model '\(model)': " }
        var text = prefix + message
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        return text
    }
}
