import Crypto
import Foundation
import QuorumCore

/// The key of a cached answer: SHA-256 over a canonical JSON of everything that changes the answer —
/// who answers (name and a fingerprint of its configuration), the messages, the parameters with the
/// configured defaults filled in, and the output format. Never an API key: fingerprints leave them out.
enum ResponseCacheKey {
    private struct Material: Encodable {
        var scope: String
        var fingerprint: String
        var messages: [ChatMessage]
        var parameters: GenerationParameters
        var responseFormat: ResponseFormat
    }

    static func make(scope: String, fingerprint: String, request: ChatRequest) -> String {
        let material = Material(
            scope: scope, fingerprint: fingerprint, messages: request.messages, parameters: request.parameters,
            responseFormat: request.responseFormat)
        return digest(of: material)
    }

    /// Hex SHA-256 of `value`'s JSON with sorted keys (the same value always gives the same bytes).
    static func digest(of value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field here is a string, number, bool or nested container: encoding cannot fail
        // except on a non-finite number, which no validated request carries; it then keys on nothing
        // shared (an empty body hashed with the scope would collide, so use a unique marker).
        let data = (try? encoder.encode(value)) ?? Data(UUID().uuidString.utf8)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
