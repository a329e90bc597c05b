import NIOCore

/// One server-sent event: its `event:` name (if any) and its `data:` lines joined by newlines.
struct SSEEvent: Sendable, Hashable {
    var event: String?
    var data: String
}

/// An incremental parser for `text/event-stream` bodies (WHATWG HTML §9.2).
///
/// Bytes arrive in arbitrary chunks; `feed(_:)` returns every event completed by the chunk and
/// keeps the partial rest. Lines end in LF, CRLF or CR; comment lines (`: keep-alive`, OpenRouter's
/// `: OPENROUTER PROCESSING`) and unknown fields are ignored; an event ends at a blank line.
struct SSEParser: Sendable {
    private var pending: [UInt8] = []
    private var event: String?
    private var data: [UInt8] = []
    private var hasData = false
    private var lastWasCR = false

    /// Feeds a chunk and returns the events it completed.
    mutating func feed(_ buffer: ByteBuffer) -> [SSEEvent] {
        buffer.withUnsafeReadableBytes { feed(bytes: $0) }
    }

    /// Feeds raw bytes and returns the events they completed.
    mutating func feed<Bytes: Collection<UInt8>>(bytes: Bytes) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            if byte == 0x0A, lastWasCR {  // the LF of a CRLF: the line already ended at the CR
                lastWasCR = false
                continue
            }
            lastWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                if let completed = endLine() { events.append(completed) }
            } else {
                pending.append(byte)
            }
        }
        return events
    }

    /// Call at the end of the body: returns an event left without its closing blank line, if any.
    mutating func finish() -> SSEEvent? {
        if !pending.isEmpty { _ = endLine() }
        return dispatch()
    }

    private mutating func endLine() -> SSEEvent? {
        defer { pending.removeAll(keepingCapacity: true) }
        if pending.isEmpty { return dispatch() }
        if pending[0] == 0x3A { return nil }  // ":" comment
        let colon = pending.firstIndex(of: 0x3A) ?? pending.endIndex
        let field = pending[..<colon]
        var valueStart = colon == pending.endIndex ? colon : colon + 1
        if valueStart < pending.endIndex, pending[valueStart] == 0x20 { valueStart += 1 }
        let value = pending[valueStart...]
        if field.elementsEqual("data".utf8) {
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        } else if field.elementsEqual("event".utf8) {
            event = String(decoding: value, as: UTF8.self)
        }
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            event = nil
            data.removeAll(keepingCapacity: true)
            hasData = false
        }
        guard hasData else { return nil }
        return SSEEvent(event: event, data: String(decoding: data, as: UTF8.self))
    }
}
