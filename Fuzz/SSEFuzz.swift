import Foundation
import NIOCore

@testable import QuorumProviders

/// The SSE parser fed the bytes whole and in chunks: both must give the same events.
enum SSEFuzz {
    static func run(_ data: Data) {
        let bytes = Array(data)
        var whole = SSEParser()
        var expected = whole.feed(bytes: bytes)
        if let last = whole.finish() { expected.append(last) }
        var chunked = SSEParser()
        var events: [SSEEvent] = []
        let size = max(1, Int(bytes.first ?? 1) % 7 + 1)
        for start in stride(from: 0, to: bytes.count, by: size) {
            events += chunked.feed(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
        }
        if let last = chunked.finish() { events.append(last) }
        guard events == expected else { fatalError("chunking changed the events: \(events) vs \(expected)") }
    }
}
