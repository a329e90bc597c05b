import HTTPTypes

/// What a client's `Cache-Control` header asks of the response cache.
///
/// `no-cache`: answer fresh (the fresh answer replaces the cached one); `no-store`: answer fresh and
/// keep nothing. Anything else in the header is about HTTP caches on the way, not about Quorum.
struct CacheDirective: Sendable, Hashable {
    var noCache = false
    var noStore = false

    init(noCache: Bool = false, noStore: Bool = false) {
        self.noCache = noCache
        self.noStore = noStore
    }

    init(_ headers: HTTPFields) {
        for value in headers[values: .cacheControl] {
            for directive in value.split(separator: ",") {
                switch directive.trimmingCharacters(in: .whitespaces).lowercased() {
                case "no-cache": noCache = true
                case "no-store": noStore = true
                default: break
                }
            }
        }
    }
}
