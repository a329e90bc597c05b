/// A run, item, system or rubric the request names that the store does not have: answered 404
/// with `message` (a page for a page, JSON for the API).
struct ViewNotFound: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
