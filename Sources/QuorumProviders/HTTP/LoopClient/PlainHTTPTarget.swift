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

    /// Parses `url` byte by byte: it runs once per call, and Foundation's string search (what
    /// `contains("@")` on a `String` resolves to) cost several microseconds of a gateway request.
    init?(url: String) {
        var utf8 = Substring(url).utf8
        let scheme = "http://".utf8
        guard utf8.count > scheme.count,
            zip(utf8.prefix(scheme.count), scheme).allSatisfy({ $0 == $1 || ($1 >= UInt8(ascii: "a") && $0 | 0x20 == $1) })
        else { return nil }
        utf8 = utf8.dropFirst(scheme.count)
        if let fragment = utf8.firstIndex(of: UInt8(ascii: "#")) { utf8 = utf8[..<fragment] }
        let pathStart = utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? utf8.endIndex
        let authority = utf8[..<pathStart]
        guard !authority.isEmpty, !authority.contains(UInt8(ascii: "@")) else { return nil }
        let path = utf8[pathStart...]
        self.authority = String(Substring(authority))
        self.path = path.isEmpty ? "/" : path.first == UInt8(ascii: "?") ? "/" + String(Substring(path)) : String(Substring(path))

        var hostPart = authority
        var portPart: Substring.UTF8View?
        if authority.first == UInt8(ascii: "[") {  // [::1]:8080
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { return nil }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: UInt8(ascii: ":")) {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        host = String(Substring(hostPart))
        if let portPart {
            guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy({ (48...57).contains($0) }),
                let port = Int(Substring(portPart)), (1...65535).contains(port)
            else { return nil }
            self.port = port
        } else {
            port = 80
        }
    }
}
