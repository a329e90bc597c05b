/// A failure of `LoopHTTPClient` that is not NIO's own (connect errors and timeouts are).
struct LoopHTTPError: Error, CustomStringConvertible, Equatable {
    enum Kind: Equatable {
        /// The connection closed before the response head arrived.
        case closedBeforeResponse
        /// The connection closed in the middle of the response body.
        case closedDuringBody
        /// The client was shut down.
        case shutDown
        /// The exchange's deadline passed before the response ended.
        case deadlinePassed
        /// No bytes arrived for longer than the exchange's idle limit.
        case silent
    }

    let kind: Kind

    static let closedBeforeResponse = LoopHTTPError(kind: .closedBeforeResponse)
    static let closedDuringBody = LoopHTTPError(kind: .closedDuringBody)
    static let shutDown = LoopHTTPError(kind: .shutDown)
    static let deadlinePassed = LoopHTTPError(kind: .deadlinePassed)
    static let silent = LoopHTTPError(kind: .silent)

    var description: String {
        switch kind {
        case .closedBeforeResponse: "the server closed the connection before answering"
        case .closedDuringBody: "the server closed the connection in the middle of the response"
        case .shutDown: "the HTTP client was shut down"
        case .deadlinePassed: "the response did not end before the deadline"
        case .silent: "the server sent nothing for longer than the idle limit"
        }
    }
}
