import QuorumCore
import QuorumOrchestration

/// One unit of a phase: the calls that make one artifact (a proposal, an item, a response, an
/// evaluation). `work` makes the calls through the context it is given (journal, ledger) and
/// saves the artifact; it throws `CoEvalMalformedReply` when the reply cannot be used.
struct CoEvalUnit: Sendable {
    var phase: CoEvalPhase
    /// The artifact's id.
    var id: String
    var task: String
    var model: String
    var work: @Sendable (RunContext) async throws -> Void
}

/// A reply that could not be read, with the reply itself (kept with the rejection).
struct CoEvalMalformedReply: Error, Sendable {
    var reason: String
    var reply: String
}

/// How one unit ended in this invocation.
enum CoEvalUnitOutcome: Sendable, Hashable {
    case done
    case rejected
    case failed
    /// Not attempted or cut short: quota, budget or interrupt. Nothing is stored; it stays a gap.
    case stopped
}

extension RunContext {
    /// One call to `model` whose reply is JSON (`response_format: json_object` with `schema`).
    func askJSON(
        _ model: String, prompt: String, schema: JSONValue?, parameters: GenerationParameters, key: String = "reply",
        role: CallRecord.Role = .answer
    ) async throws -> CallRecord {
        let request = ChatRequest(
            messages: [.user(prompt)], parameters: parameters, responseFormat: .jsonObject(schema: schema))
        return try await call(model, request, key: key, role: role)
    }

    /// Reads a JSON reply with `read`, turning a problem into `CoEvalMalformedReply`.
    func read<Value>(_ record: CallRecord, _ read: (String) throws(CoEvalReplyProblem) -> Value) throws -> Value {
        do {
            return try read(record.response)
        } catch {
            throw CoEvalMalformedReply(reason: error.message, reply: record.response)
        }
    }
}
