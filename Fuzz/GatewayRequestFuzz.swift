import Foundation
import NIOCore
import QuorumCore

@testable import QuorumServer

/// The gateway's request reader against `JSONDecoder`: the fast path must read what the decoder
/// reads, and validation must not trap.
enum GatewayRequestFuzz {
    static func run(_ data: Data) {
        let fast = ChatCompletionRequest.read(ByteBuffer(bytes: data))
        let slow = try? JSONDecoder().decode(ChatCompletionRequest.self, from: data)
        if let fast {
            guard fast == slow else { fatalError("the request reader and JSONDecoder disagree: \(fast) vs \(String(describing: slow))") }
        }
        try? (fast ?? slow)?.validate(maxMessages: 64)
    }
}
