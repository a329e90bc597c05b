import Hummingbird

/// Rejects requests without an accepted `Authorization: Bearer KEY`, in OpenAI's error format.
/// With no key configured the gateway is open, which `Gateway` allows only on loopback.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: APIKeyVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !verifier.isEmpty else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return JSONResponses.error(.missingKey)
        }
        let key = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard verifier.accepts(key) else { return JSONResponses.error(.invalidKey) }
        return try await next(request, context)
    }
}

/// One access-log line per request: method, path, status, duration. Never bodies or keys.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                "status": "\(response.status.code)", "ms": "\(elapsed.milliseconds)",
            ])
        return response
    }
}

extension Duration {
    /// Whole and fractional milliseconds, for logs.
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
