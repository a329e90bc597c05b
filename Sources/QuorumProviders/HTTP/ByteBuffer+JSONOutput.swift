import NIOCore
import QuorumCore

/// Lets Core's `JSONWriter` write straight into NIO's buffers (Core itself does not depend on NIO).
extension ByteBuffer: JSONOutput {
    @inlinable package mutating func writeJSON(_ bytes: Substring.UTF8View) { writeBytes(bytes) }
    @inlinable package mutating func writeJSON(_ syntax: StaticString) { writeStaticString(syntax) }
    @inlinable package mutating func writeJSON(byte: UInt8) { writeInteger(byte) }
}

extension JSONWriter {
    /// The JSON text of `value` in a new buffer: a request body.
    package static func buffer(for value: JSONValue, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 1024)
        write(value, into: &buffer)
        return buffer
    }
}
