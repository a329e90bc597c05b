import Foundation
import HTTPTypes
import Hummingbird
import QuorumEvaluation

/// Lets a request through when the view has no key (loopback only: `ViewSettings.validate`), or
/// when it carries the key: `Authorization: Bearer KEY`, or the session cookie a `?key=KEY` login
/// set. The cookie holds a random session token, never the key, and is `HttpOnly` and
/// `SameSite=Strict`, so another site can neither read it nor send it.
struct ViewAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: String?
    /// Drawn when the server starts: a restart logs everyone out.
    let session: String

    init(key: String?, session: String = ViewSession.makeToken()) {
        self.key = key
        self.session = session
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key, request.uri.path != "/healthz" else { return try await next(request, context) }
        let query = ViewQuery(request.uri.query)
        if let given = query["key"] {
            guard ViewSession.same(given, key) else { return refusal(request, "that key is not this server's key") }
            // Drop the key from the address bar (and from history) once the cookie holds the session.
            var response = Response.redirect(to: request.uri.path + query.removing("key").suffix, type: .found)
            response.setCookie(Cookie(name: ViewSession.cookieName, value: session, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            ViewSession.same(String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces), key)
        {
            return try await next(request, context)
        }
        if let cookie = request.cookies[ViewSession.cookieName], ViewSession.same(cookie.value, session) {
            return try await next(request, context)
        }
        return refusal(request, "this server asks for its API key")
    }

    /// 401: JSON for the API, a login form for a page.
    private func refusal(_ request: Request, _ reason: String) -> Response {
        if request.uri.path.hasPrefix("/api/") {
            return ViewResponse.json(ViewResponse.Failure(error: reason), status: .unauthorized)
        }
        let form = """
            <h1>Quorum view</h1><p class="note">\(reason).</p>
            <form method="get" action="\(HTMLText.escape(request.uri.path))"><label>API key <input type="password" name="key" autofocus></label> \
            <button type="submit">Open</button></form>
            """
        return ViewResponse.html(ViewPage(title: "Sign in", body: form).rendered(), status: .unauthorized)
    }
}

/// The session a `?key=` login opens, and how keys are compared.
enum ViewSession {
    static let cookieName = "quorum_view_session"

    /// Compares in time independent of where the texts differ, so timing tells nothing of the key.
    static func same(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }

    /// 256 random bits as hex: valid in a cookie whatever characters the key has.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}
