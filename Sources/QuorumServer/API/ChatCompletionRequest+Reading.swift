import NIOCore
import QuorumCore

/// `ChatCompletionRequest` read by hand with `JSONReader`, for every request's body. `nil` means
/// the reader gave up (a missing field, a wrong type, anything unusual); the handler then decodes
/// with `JSONDecoder`, which gives the same value or the field-naming error.
extension ChatCompletionRequest {
    static func read(_ body: ByteBuffer) -> ChatCompletionRequest? {
        body.withUnsafeReadableBytes { bytes in
            try? JSONReader.read(bytes) { try ChatCompletionRequest(reading: &$0) }
        }
    }

    init(reading reader: inout JSONReader) throws {
        // Required fields: present or given up on (JSONDecoder names the missing one).
        model = ""
        messages = []
        var required = 0
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "model" {
                try seen.insert(0)
                model = try reader.readString()
                required += 1
            } else if key == "messages" {
                try seen.insert(1)
                messages = try reader.readArray { try Message(reading: &$0) }
                required += 1
            } else if key == "temperature" {
                try seen.insert(2)
                temperature = try reader.readOptionalDouble()
            } else if key == "top_p" {
                try seen.insert(3)
                topP = try reader.readOptionalDouble()
            } else if key == "max_tokens" {
                try seen.insert(4)
                maxTokens = try reader.readOptionalInt()
            } else if key == "max_completion_tokens" {
                try seen.insert(5)
                maxCompletionTokens = try reader.readOptionalInt()
            } else if key == "stop" {
                try seen.insert(6)
                stop = try reader.readOptional { try StopSequences(reading: &$0) }
            } else if key == "seed" {
                try seen.insert(7)
                seed = try reader.readOptionalInt()
            } else if key == "n" {
                try seen.insert(8)
                n = try reader.readOptionalInt()
            } else if key == "stream" {
                try seen.insert(9)
                stream = try reader.readOptionalBool()
            } else if key == "stream_options" {
                try seen.insert(10)
                streamOptions = try reader.readOptional { try StreamOptions(reading: &$0) }
            } else if key == "response_format" {
                // Rare and nested (schemas): `JSONDecoder` reads it.
                throw JSONReader.GaveUp()
            } else {
                try reader.skipValue()
            }
        }
        guard required == 2 else { throw JSONReader.GaveUp() }
    }
}

extension ChatCompletionRequest.Message {
    init(reading reader: inout JSONReader) throws {
        var role: String?
        var content: MessageContent?
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "role" {
                try seen.insert(0)
                role = try reader.readString()
            } else if key == "content" {
                try seen.insert(1)
                switch try reader.peek() {
                case .null: _ = try reader.readNull()
                case .string: content = .text(try reader.readString())
                default: content = .parts(try reader.readArray { try MessageContent.Part(reading: &$0) })
                }
            } else {
                try reader.skipValue()
            }
        }
        guard let role else { throw JSONReader.GaveUp() }
        self.init(role: role, content: content)
    }
}

extension MessageContent.Part {
    init(reading reader: inout JSONReader) throws {
        var type: String?
        var text: String?
        var seen = FieldSet()
        try reader.readObject { reader, key in
            if key == "type" {
                try seen.insert(0)
                type = try reader.readString()
            } else if key == "text" {
                try seen.insert(1)
                text = try reader.readOptionalString()
            } else {
                try reader.skipValue()
            }
        }
        guard let type else { throw JSONReader.GaveUp() }
        self.init(type: type, text: text)
    }
}

extension StopSequences {
    init(reading reader: inout JSONReader) throws {
        values = try reader.peek() == .string ? [try reader.readString()] : try reader.readArray { try $0.readString() }
    }
}

extension ChatCompletionRequest.StreamOptions {
    init(reading reader: inout JSONReader) throws {
        var includeUsage: Bool?
        var seen = FieldSet()
        try reader.readObject { reader, key in
            guard key == "include_usage" else { return try reader.skipValue() }
            try seen.insert(0)
            includeUsage = try reader.readOptionalBool()
        }
        self.init(includeUsage: includeUsage)
    }
}
