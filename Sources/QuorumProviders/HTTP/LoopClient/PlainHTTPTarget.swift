/// Where a plain-HTTP request goes: the address to connect to, the `Host` header and the path.
///
/// Only `http://` URLs without credentials parse; anything else (TLS, `user:pass@`) is left to
/// AsyncHTTPClient, so `LoopHTTPClient` never has to know about certificates or proxies.
struct PlainHTTPTarget: Hashable, Sendable {
    /// The host to connect to: a name or an address, IPv6 without its brackets.
    let host: String
    let port: Int
    /// The `Host` header: the URL's authority as written.
    let authority: String
    /// The request target: the path and query, `/` when the URL has none.
    let path: String

    /// The pool key: connections to the same host and port are interchangeable.
    var address: String { "\(host):\(port)" }

    init?(url: String) {
        let scheme = "http://"
        guard url.utf8.count > scheme.utf8.count, url.prefix(scheme.count).lowercased() == scheme else { return nil }
        var rest = url.dropFirst(scheme.count)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<pathStart]
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        let path = rest[pathStart...]
        self.authority = String(authority)
        self.path = path.isEmpty ? "/" : path.first == "?" ? "/" + path : String(path)

        var hostPart = authority
        var portPart: Substring?
        if authority.first == "[" {  // [::1]:8080
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        host = String(hostPart)
        if let portPart {
            guard let port = Int(portPart), (1...65535).contains(port) else { return nil }
            self.port = port
        } else {
            port = 80
        }
    }
}
