import Foundation
import HTTPTypes
import Hummingbird
import QuorumEvaluation

/// The responses the view sends, each with headers that keep its pages to themselves: scripts
/// only from `/assets/`, no framing (a judging page cannot be clicked through from another
/// site), no referrer (a `?key=` never leaks in one).
enum ViewResponse {
    /// An API error: `{"error": "…"}`.
    struct Failure: Encodable {
        var error: String
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        response(text, type: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return response(String(decoding: data, as: UTF8.self), type: "application/json", status: status)
    }

    /// A page saying what was not found, and where to go instead.
    static func notFound(_ message: String) -> Response {
        let body = "<h1>Not found</h1><p class=\"note\" id=\"not-found\">\(HTMLText.escape(message))</p><p><a href=\"/\">All runs</a></p>"
        return html(ViewPage(title: "Not found", body: body).rendered(), status: .notFound)
    }

    static func asset(_ text: String, type: String) -> Response {
        var response = response(text, type: type, status: .ok)
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    private static func response(_ text: String, type: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
