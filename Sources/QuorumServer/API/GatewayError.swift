import HTTPTypes
import QuorumCore

/// An error the gateway returns in OpenAI's format: `{"error": {"message", "type", "param", "code"}}`.
struct GatewayError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var type: String
    var param: String?
    var code: String?
    /// Seconds, passed on as `Retry-After` when the upstream gave a hint.
    var retryAfter: Double?

    static func invalidRequest(_ message: String, param: String? = nil) -> GatewayError {
        GatewayError(status: .badRequest, message: message, type: "invalid_request_error", param: param, code: nil)
    }

    static func unknownModel(_ name: String, available: [String]) -> GatewayError {
        GatewayError(
            status: .notFound,
            message: "The model '\(name)' does not exist. Available: \(available.sorted().joined(separator: ", "))",
            type: "invalid_request_error", param: "model", code: "model_not_found")
    }

    static let missingKey = GatewayError(
        status: .unauthorized, message: "Missing API key: send 'Authorization: Bearer KEY'.",
        type: "invalid_request_error", param: nil, code: "invalid_api_key")

    static let invalidKey = GatewayError(
        status: .unauthorized, message: "Incorrect API key provided.", type: "invalid_request_error", param: nil,
        code: "invalid_api_key")

    static let publicWithoutKeys = GatewayError(
        status: .forbidden,
        message: "This server has no API keys configured and only answers on loopback; configure server.api_keys.",
        type: "permission_error", param: nil, code: "forbidden")

    static func bodyTooLarge(limit: Int) -> GatewayError {
        GatewayError(
            status: .contentTooLarge, message: "Request body is larger than the limit of \(limit) bytes.",
            type: "invalid_request_error", param: nil, code: "request_too_large")
    }

    /// Maps a library error to the status an OpenAI client expects, keeping the upstream's retry hint.
    init(_ error: QuorumError) {
        let (status, type): (HTTPResponse.Status, String) =
            switch error.kind {
            case .rateLimited: (.tooManyRequests, "rate_limit_error")
            case .budgetExhausted, .quotaExhausted: (.tooManyRequests, "insufficient_quota")
            case .timeout: (.gatewayTimeout, "timeout_error")
            case .upstreamUnavailable: (.serviceUnavailable, "upstream_error")
            case .authentication, .malformedResponse, .streamInterrupted: (.badGateway, "upstream_error")
            case .invalidRequest, .contextTooLong, .contentFiltered, .configuration:
                (.badRequest, "invalid_request_error")
            case .notFound: (.notFound, "invalid_request_error")
            default: (.internalServerError, "server_error")
            }
        self.init(
            status: status, message: error.description, type: type, param: nil, code: error.kind.rawValue,
            retryAfter: error.retryAfter)
    }

    init(status: HTTPResponse.Status, message: String, type: String, param: String?, code: String?, retryAfter: Double? = nil) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.retryAfter = retryAfter
    }

    /// The JSON body.
    var body: ErrorBody {
        ErrorBody(error: .init(message: message, type: type, param: param, code: code))
    }

    struct ErrorBody: Encodable, Sendable {
        var error: Detail
        struct Detail: Encodable, Sendable {
            var message: String
            var type: String
            var param: String?
            var code: String?
        }
    }
}
