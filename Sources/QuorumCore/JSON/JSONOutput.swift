/// Where `JSONWriter` writes: NIO's `ByteBuffer` for request bodies, responses and stored traces
/// (QuorumProviders, which has NIO, makes it one), and `String` for JSON inside text.
///
/// The writer takes it as a generic, not an existential, and is `@inlinable`, so the gateway's
/// buffer type is specialised into the escaping loop it runs for every response.
package protocol JSONOutput {
    /// Appends UTF-8 that needs no escaping: a run of a string between two escapes.
    mutating func writeJSON(_ bytes: Substring.UTF8View)
    /// Appends a piece of JSON's syntax (`null`, `\"`, `,`).
    mutating func writeJSON(_ syntax: StaticString)
    mutating func writeJSON(byte: UInt8)
}

extension String: JSONOutput {
    @inlinable package mutating func writeJSON(_ bytes: Substring.UTF8View) { append(contentsOf: Substring(bytes)) }

    @inlinable package mutating func writeJSON(_ syntax: StaticString) {
        syntax.withUTF8Buffer { append(contentsOf: String(decoding: $0, as: UTF8.self)) }
    }

    @inlinable package mutating func writeJSON(byte: UInt8) { unicodeScalars.append(Unicode.Scalar(byte)) }
}
