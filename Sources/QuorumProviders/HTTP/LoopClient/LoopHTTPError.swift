/// A failure of `LoopHTTPClient` that is not NIO's own (connect errors and timeouts are).
struct LoopHTTPError: Error, CustomStringConvertible, Equatable {
    enum Kind: Equatable {
        /// The connection closed before the response head arrived.
        case closedBeforeResponse
        /// The connection closed in the middle of the response body.
        case closedDuringBody
        /// The client was shut down.
        case shutDown
    }

    let kind: Kind

    static let closedBeforeResponse = LoopHTTPError(kind: .closedBeforeResponse)
    static let closedDuringBody = LoopHTTPError(kind: .closedDuringBody)
    static let shutDown = LoopHTTPError(kind: .shutDown)

    var description: String {
        switch kind {
        case .closedBeforeResponse: "the server closed the connection before answering"
        case .closedDuringBody: "the server closed the connection in the middle of the response"
        case .shutDown: "the HTTP client was shut down"
        }
    }
}
