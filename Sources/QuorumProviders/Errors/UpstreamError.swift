import Foundation
import QuorumCore

/// Turns a vendor's failed HTTP answer into a typed `QuorumError`.
///
/// All four wire formats put the message in one of a few places (OpenAI and Gemini:
/// `{"error": {"message": …}}`, Anthropic: `{"type": "error", "error": {"type", "message"}}`,
/// some servers: `{"error": "…"}` or `{"detail": "…"}`), so one classifier serves them all.
enum UpstreamError {
    /// The error for an HTTP `status` with `body`, for the model named `model`.
    static func classify(
        status: Int, body: [UInt8], model: String, retryAfter: Double?, redactor: Redactor
    ) -> QuorumError {
        let vendor = VendorMessage(body: body)
        let kind = kind(status: status, vendor: vendor)
        var message = vendor.message.isEmpty ? "the server answered HTTP \(status)" : vendor.message
        if message.count > 2_000 { message = String(message.prefix(2_000)) + "…" }
        var context = ["model": model]
        if let type = vendor.type { context["vendor_error"] = type }
        let error = QuorumError(
            kind, hint(for: kind, message: message), context: context, httpStatus: status,
            retryAfter: kind.isRetryableUpstream ? retryAfter : nil)
        return redactor.redact(error)
    }

    /// The error for an error object a vendor sent inside a stream or a 200 body.
    static func inBand(_ vendor: VendorMessage, model: String, redactor: Redactor) -> QuorumError {
        let kind: QuorumError.Kind = vendor.isOverloaded ? .upstreamUnavailable : kind(status: vendor.code ?? 500, vendor: vendor)
        return redactor.redact(QuorumError(kind, vendor.message, context: ["model": model], httpStatus: vendor.code))
    }

    static func kind(status: Int, vendor: VendorMessage) -> QuorumError.Kind {
        let text = (vendor.message + " " + (vendor.type ?? "")).lowercased()
        switch status {
        case 401, 403: return .authentication
        case 404: return .notFound
        case 408: return .timeout
        case 409: return .upstreamUnavailable
        case 429:
            return text.contains("insufficient_quota") || text.contains("exceeded your current quota")
                ? .quotaExhausted : .rateLimited
        case 400, 413, 422:
            if text.contains("context_length") || text.contains("context length") || text.contains("too many tokens")
                || text.contains("prompt is too long") || text.contains("maximum context") || status == 413
            {
                return .contextTooLong
            }
            if text.contains("content_filter") || text.contains("content management policy")
                || text.contains("safety")
            {
                return .contentFiltered
            }
            return .invalidRequest
        case 500...599: return .upstreamUnavailable
        default: return vendor.isOverloaded ? .upstreamUnavailable : .invalidRequest
        }
    }

    private static func hint(for kind: QuorumError.Kind, message: String) -> String {
        switch kind {
        case .authentication: "authentication failed: \(message) — check the model's api_key"
        case .rateLimited: "rate limited: \(message)"
        case .quotaExhausted: "quota exhausted: \(message) — add credit or raise the account's limit"
        case .contextTooLong: "the prompt is too long for the model: \(message)"
        case .contentFiltered: "the vendor's content filter refused the request: \(message)"
        case .notFound: "not found: \(message) — check the model id, base_url and deployment"
        case .upstreamUnavailable: "the vendor is unavailable: \(message)"
        case .timeout: "the vendor timed out: \(message)"
        default: "the vendor rejected the request: \(message)"
        }
    }
}

extension QuorumError.Kind {
    /// Kinds worth another attempt (the retry loop's rule; 400/401/403/404/422 never are).
    var isRetryableUpstream: Bool {
        switch self {
        case .rateLimited, .upstreamUnavailable, .timeout, .streamInterrupted: true
        default: false
        }
    }
}

/// The human part of a vendor's error body, wherever the vendor put it.
struct VendorMessage: Sendable {
    var message: String
    var type: String?
    var code: Int?

    init(message: String, type: String? = nil, code: Int? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }

    init(body: [UInt8]) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else {
            self.init(message: String(decoding: body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            return
        }
        self.init(json: json)
    }

    init(json: JSONValue) {
        let error = json["error"] ?? json
        if let text = error.stringValue {
            self.init(message: text)
            return
        }
        let message = error["message"]?.stringValue ?? json["detail"]?.stringValue ?? json["message"]?.stringValue ?? ""
        let type = error["type"]?.stringValue ?? error["status"]?.stringValue ?? error["code"]?.stringValue
        self.init(message: message, type: type, code: error["code"]?.numberValue.map { Int($0) })
    }

    /// Anthropic's `overloaded_error` (HTTP 529) and Gemini's `UNAVAILABLE` mean "try again".
    var isOverloaded: Bool {
        let text = (type ?? "").lowercased()
        return text.contains("overloaded") || text == "unavailable" || text == "api_error"
    }
}
