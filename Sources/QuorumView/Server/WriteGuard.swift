import HTTPTypes
import Hummingbird

/// What a write (a judgment posted) must look like. A page on another site can make a browser
/// send a form or a `text/plain` post to 127.0.0.1 without asking; it cannot send
/// `application/json` without a CORS preflight, which this server never grants. A request that
/// says it came from another origin is refused outright.
enum WriteGuard {
    /// `nil` when `request` may write; else the response refusing it.
    static func refusal(_ request: Request) -> Response? {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            return ViewResponse.json(
                ViewResponse.Failure(error: "send the judgment as JSON (Content-Type: application/json)"), status: .unsupportedMediaType)
        }
        if let origin = request.headers[.origin], !sameHost(origin: origin, host: request.head.authority ?? "") {
            return ViewResponse.json(ViewResponse.Failure(error: "a page from \(origin) may not write here"), status: .forbidden)
        }
        return nil
    }

    /// `http://127.0.0.1:8090` and `127.0.0.1:8090`.
    static func sameHost(origin: String, host: String) -> Bool {
        guard let schemeEnd = origin.range(of: "://") else { return false }
        return origin[schemeEnd.upperBound...].lowercased() == host.lowercased()
    }
}
