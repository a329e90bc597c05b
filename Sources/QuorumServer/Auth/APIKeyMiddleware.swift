import Hummingbird
import QuorumStore

/// Rejects requests without an accepted `Authorization: Bearer KEY`, in OpenAI's error format.
/// A static key (`server.api_keys`, `server.api_keys_file`) passes unlimited; a virtual key (`quorum keys
/// create`) passes while it is not revoked and is put in the context, for the handler to check its
/// models, rate and budget. With neither kind configured the gateway is open, which `Gateway`
/// allows only on loopback.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let verifier: APIKeyVerifier
    let keys: KeyAccounting?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !verifier.isEmpty || keys != nil else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return JSONResponses.error(.missingKey)
        }
        let key = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        if verifier.accepts(key) { return try await next(request, context) }
        switch await virtualKey(key) {
        case .failure(let error):
            return JSONResponses.error(error)
        case .success(nil):
            return JSONResponses.error(.invalidKey)
        case .success(let found?):
            var context = context
            context.virtualKey = found
            return try await next(request, context)
        }
    }

    /// The live virtual key `text` is, if any; a failure only when the store cannot say.
    private func virtualKey(_ text: String) async -> Result<VirtualKey?, GatewayError> {
        guard let keys else { return .success(nil) }
        do {
            return .success(try await keys.liveKey(text))
        } catch {
            return .failure(error)
        }
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
