import NIOCore
import QuorumCore
import QuorumProviders

/// A response body that writes its own JSON.
///
/// The bodies sent on every request are written by hand, field by field in OpenAI's order, instead
/// of through `JSONEncoder`, which on Linux costs more than the rest of a passthrough request.
/// The text is what `JSONEncoder` writes for the same value (tests compare the two).
protocol JSONBody {
    func write(into buffer: inout ByteBuffer)
}

extension ChatCompletionResponse: JSONBody {
    func write(into buffer: inout ByteBuffer) {
        writeHead(id: id, object: object, created: created, model: model, into: &buffer)
        for (position, choice) in choices.enumerated() {
            writeChoiceStart(position: position, index: choice.index, into: &buffer)
            buffer.writeStaticString(",\"message\":{\"role\":")
            JSONWriter.writeString(choice.message.role, into: &buffer)
            buffer.writeStaticString(",\"content\":")
            JSONWriter.writeString(choice.message.content, into: &buffer)
            buffer.writeStaticString("},\"finish_reason\":")
            JSONWriter.writeString(choice.finishReason, into: &buffer)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("],\"usage\":")
        usage.write(into: &buffer)
        buffer.writeStaticString("}")
    }
}

extension ChatCompletionChunk: JSONBody {
    func write(into buffer: inout ByteBuffer) {
        writeHead(id: id, object: object, created: created, model: model, into: &buffer)
        for (position, choice) in choices.enumerated() {
            writeChoiceStart(position: position, index: choice.index, into: &buffer)
            buffer.writeStaticString(",\"delta\":{")
            var separator = false
            if let role = choice.delta.role {
                buffer.writeStaticString("\"role\":")
                JSONWriter.writeString(role, into: &buffer)
                separator = true
            }
            if let content = choice.delta.content {
                if separator { buffer.writeStaticString(",") }
                buffer.writeStaticString("\"content\":")
                JSONWriter.writeString(content, into: &buffer)
            }
            buffer.writeStaticString("},\"finish_reason\":")
            if let reason = choice.finishReason {
                JSONWriter.writeString(reason, into: &buffer)
            } else {
                buffer.writeStaticString("null")
            }
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("]")
        if let usage {
            buffer.writeStaticString(",\"usage\":")
            usage.write(into: &buffer)
        }
        buffer.writeStaticString("}")
    }
}

/// `{"id":…,"object":…,"created":…,"model":…,"choices":[`, the start of completions and chunks alike.
private func writeHead(id: String, object: String, created: Int, model: String, into buffer: inout ByteBuffer) {
    buffer.writeStaticString("{\"id\":")
    JSONWriter.writeString(id, into: &buffer)
    buffer.writeStaticString(",\"object\":")
    JSONWriter.writeString(object, into: &buffer)
    buffer.writeStaticString(",\"created\":")
    JSONWriter.writeInteger(created, into: &buffer)
    buffer.writeStaticString(",\"model\":")
    JSONWriter.writeString(model, into: &buffer)
    buffer.writeStaticString(",\"choices\":[")
}

/// `{"index":N`, after a comma from the second choice on.
private func writeChoiceStart(position: Int, index: Int, into buffer: inout ByteBuffer) {
    if position > 0 { buffer.writeStaticString(",") }
    buffer.writeStaticString("{\"index\":")
    JSONWriter.writeInteger(index, into: &buffer)
}

extension UsageBody {
    func write(into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{\"prompt_tokens\":")
        JSONWriter.writeInteger(promptTokens, into: &buffer)
        buffer.writeStaticString(",\"completion_tokens\":")
        JSONWriter.writeInteger(completionTokens, into: &buffer)
        buffer.writeStaticString(",\"total_tokens\":")
        JSONWriter.writeInteger(totalTokens, into: &buffer)
        buffer.writeStaticString(",\"cost\":")
        // `Decimal`'s description is the plain decimal text JSONEncoder writes for it.
        buffer.writeString(cost.description)
        if let details = promptTokensDetails {
            buffer.writeStaticString(",\"prompt_tokens_details\":{\"cached_tokens\":")
            JSONWriter.writeInteger(details.cachedTokens, into: &buffer)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("}")
    }
}
