import HTTPTypes
import QuorumCore
import QuorumStore

/// The refusals of virtual keys, each with the reason a client (and its operator) can act on.
extension GatewayError {
    static func modelNotAllowed(_ model: String, key: VirtualKey) -> GatewayError {
        GatewayError(
            status: .forbidden,
            message: "key \(key.name) may not use model '\(model)'; allowed: \(key.limits.models.joined(separator: ", "))",
            type: "permission_error", param: "model", code: "model_not_allowed")
    }

    /// `budget exceeded for key team-a: $50.00 of $50.00 this month`; when there is money left but
    /// less than this request may cost, says so, since a lower `max_tokens` would let it through.
    static func overBudget(key: VirtualKey, spending: KeySpending, estimate: USD) -> GatewayError {
        let budget = key.limits.budget ?? .zero
        var message = "budget exceeded for key \(key.name): \(dollars(spending.spent)) of \(dollars(budget)) \(key.limits.period.phrase)"
        if spending.reserved > .zero {
            message += " (\(dollars(spending.reserved)) more held by requests in flight)"
        }
        if spending.spent + spending.reserved < budget {
            message += "; this request may cost up to \(dollars(estimate)), more than is left (a lower max_tokens lowers that)"
        }
        return GatewayError(status: .tooManyRequests, message: message, type: "insufficient_quota", param: nil, code: "budget_exceeded")
    }

    /// `rate limit: 600 requests/min`.
    static func overRate(_ limit: KeyRateLimit, retryAfter: Double) -> GatewayError {
        let message = switch limit {
        case .requests(let count): "rate limit: \(count) requests/min"
        case .tokens(let count): "rate limit: \(count) tokens/min"
        }
        return GatewayError(
            status: .tooManyRequests, message: message, type: "rate_limit_error", param: nil, code: "rate_limit_exceeded",
            retryAfter: retryAfter)
    }

    static let keyStoreUnavailable = GatewayError(
        status: .serviceUnavailable, message: "The key store cannot be reached; try again shortly.", type: "server_error",
        param: nil, code: "key_store_unavailable")

    /// Cents for amounts of a cent or more (`$50.00`), else enough digits to see sub-cent spend.
    private static func dollars(_ amount: USD) -> String {
        amount.doubleValue >= 0.01 || amount == .zero ? String(format: "$%.2f", amount.doubleValue) : amount.formatted
    }
}
