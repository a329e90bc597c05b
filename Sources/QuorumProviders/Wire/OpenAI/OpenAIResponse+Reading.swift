import Foundation
import NIOCore
import QuorumCore

/// `OpenAIResponse` read by hand with `JSONReader`: an answer and every streamed chunk go through
/// here, and `JSONDecoder` cost more than the rest of Quorum's own work on a passthrough. `nil`
/// means the reader gave up; `OpenAIWire` then decodes with `JSONDecoder` (same value, or the error).
extension OpenAIResponse {
    static func read(_ body: ByteBuffer) -> OpenAIResponse? {
        body.withUnsafeReadableBytes { bytes in
            try? JSONReader.read(bytes) { try OpenAIResponse(reading: &$0) }
        }
    }

    /// The same, from a streamed event's text.
    static func read(_ text: String) -> OpenAIResponse? {
        var text = text
        return text.withUTF8 { bytes in
            try? JSONReader.read(UnsafeRawBufferPointer(bytes)) { try OpenAIResponse(reading: &$0) }
        }
    }

    init(reading reader: inout JSONReader) throws {
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "id" {
                try seen.insert(0)
                id = try reader.readOptionalString()
            } else if key == "model" {
                try seen.insert(1)
                model = try reader.readOptionalString()
            } else if key == "choices" {
                try seen.insert(2)
                choices = try reader.readOptional { try $0.readArray { try Choice(reading: &$0) } }
            } else if key == "usage" {
                try seen.insert(3)
                usage = try reader.readOptional { try OpenAIUsage(reading: &$0) }
            } else if key == "error" {
                try seen.insert(4)
                error = try reader.readOptional { try $0.readValue() }
            } else if key == "x_groq" {
                try seen.insert(5)
                xGroq = try reader.readOptional { try GroqExtras(reading: &$0) }
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension OpenAIResponse.Choice {
    init(reading reader: inout JSONReader) throws {
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "index" {
                try seen.insert(0)
                index = try reader.readOptionalInt()
            } else if key == "message" {
                try seen.insert(1)
                message = try reader.readOptional { try OpenAIResponse.Message(reading: &$0) }
            } else if key == "delta" {
                try seen.insert(2)
                delta = try reader.readOptional { try OpenAIResponse.Message(reading: &$0) }
            } else if key == "finish_reason" {
                try seen.insert(3)
                finishReason = try reader.readOptionalString()
            } else if key == "logprobs" {
                try seen.insert(4)
                logprobs = try reader.readOptional { try OpenAIResponse.Logprobs(reading: &$0) }
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension OpenAIResponse.Logprobs {
    /// `content` is read; `refusal` and anything else skipped.
    fileprivate init(reading reader: inout JSONReader) throws {
        var seen = FieldSet()
        try reader.readObject { reader, key in
            guard key == "content" else { return try reader.skipValue() }
            try seen.insert(0)
            content = try reader.readOptional { try $0.readArray { try Entry(reading: &$0) } }
        }
    }
}

extension OpenAIResponse.Logprobs.Entry {
    fileprivate init(reading reader: inout JSONReader) throws {
        var token: String?
        var logprob: Double?
        var top: [Alternative]?
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "token" {
                try seen.insert(0)
                token = try reader.readString()
            } else if key == "logprob" {
                try seen.insert(1)
                logprob = try reader.readDouble()
            } else if key == "top_logprobs" {
                try seen.insert(2)
                // An alternative has the entry's own shape, less its alternatives.
                top = try reader.readOptional { try $0.readArray { try OpenAIResponse.Logprobs.Entry(reading: &$0) } }?
                    .map { Alternative(token: $0.token, logprob: $0.logprob) }
            } else {
                try reader.skipValue()
            }
        }
        guard let token, let logprob else { throw JSONReader.GaveUp() }
        self.init(token: token, logprob: logprob, topLogprobs: top)
    }
}

extension OpenAIResponse.GroqExtras {
    /// `x_groq` is read for its `usage` only.
    fileprivate init(reading reader: inout JSONReader) throws {
        var usage: OpenAIUsage?
        var seen = FieldSet()
        try reader.readObject { reader, key in
            guard key == "usage" else { return try reader.skipValue() }
            try seen.insert(0)
            usage = try reader.readOptional { try OpenAIUsage(reading: &$0) }
        }
        self.usage = usage
    }
}

extension OpenAIResponse.Message {
    init(reading reader: inout JSONReader) throws {
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "content" {
                try seen.insert(0)
                content = try reader.readOptionalString()
            } else if key == "refusal" {
                try seen.insert(1)
                refusal = try reader.readOptionalString()
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension OpenAIUsage {
    init(reading reader: inout JSONReader) throws {
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "prompt_tokens" {
                try seen.insert(0)
                promptTokens = try reader.readOptionalInt()
            } else if key == "completion_tokens" {
                try seen.insert(1)
                completionTokens = try reader.readOptionalInt()
            } else if key == "prompt_tokens_details" {
                try seen.insert(2)
                promptTokensDetails = try reader.readOptional { reader in
                    var details = PromptDetails()
                    var seen = FieldSet()
                    try reader.readObject { reader, key in
                        guard key == "cached_tokens" else { return try reader.skipValue() }
                        try seen.insert(0)
                        details.cachedTokens = try reader.readOptionalInt()
                    }
                    return details
                }
            } else if key == "prompt_cache_hit_tokens" {
                try seen.insert(3)
                promptCacheHitTokens = try reader.readOptionalInt()
            } else if key == "cost" {
                try seen.insert(4)
                cost = try reader.readOptionalUSD()
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension JSONReader {
    /// `USD`'s `Decodable`: a decimal string, or a number read through its shortest text.
    mutating func readOptionalUSD() throws -> USD? {
        switch try peek() {
        case .null:
            _ = try readNull()
            return nil
        case .string:
            guard let value = USD(string: try readString()) else { throw GaveUp() }
            return value
        default:
            let number = try readDouble()
            return USD(string: "\(number)") ?? USD(Decimal(number))
        }
    }
}
