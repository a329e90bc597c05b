import QuorumCore
import QuorumOrchestration

/// Every call the scripted models received, in order.
actor CallLog {
    struct Entry: Sendable {
        var model: String
        var request: ChatRequest
        var prompt: String { request.messages.last?.content ?? "" }
        var system: String? { request.messages.first { $0.role == .system }?.content }
    }

    private(set) var entries: [Entry] = []

    /// Records a call; returns how many calls `model` had before this one.
    func append(_ model: String, _ request: ChatRequest) -> Int {
        let before = entries.filter { $0.model == model }.count
        entries.append(Entry(model: model, request: request))
        return before
    }

    var models: [String] { entries.map(\.model) }

    func calls(to model: String) -> [Entry] { entries.filter { $0.model == model } }
}

/// A test `ChatModel` whose reply is computed from the request and the number of earlier calls.
struct ScriptedModel: ChatModel {
    let name: String
    let log: CallLog
    let cost: USD
    let reply: @Sendable (ChatRequest, Int) -> String

    init(_ name: String, log: CallLog, cost: USD = USD(string: "0.001")!, reply: @escaping @Sendable (ChatRequest, Int) -> String) {
        self.name = name
        self.log = log
        self.cost = cost
        self.reply = reply
    }

    /// Replies with `answers` in turn (the last one repeats).
    init(_ name: String, log: CallLog, cost: USD = USD(string: "0.001")!, answers: [String]) {
        self.init(name, log: log, cost: cost) { _, index in answers[min(index, answers.count - 1)] }
    }

    func complete(_ request: ChatRequest) async throws -> Completion {
        let index = await log.append(name, request)
        return Completion(
            text: reply(request, index), usage: Usage(promptTokens: 10, completionTokens: 5), cost: cost, model: name)
    }
}

/// A context over the given models, keyed by their names.
func makeContext(_ models: [any ChatModel], journal: (any CallJournal)? = nil) -> RunContext {
    RunContext(models: Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0) }), journal: journal)
}

func usd(_ text: String) -> USD { USD(string: text)! }

/// The seed's verdict JSON.
func verdictJSON(score: Double, verdict: String = "Valid", feedback: String = "") -> String {
    #"{"reasoning": "checked", "verdict": "\#(verdict)", "score": \#(score), "feedback": "\#(feedback)"}"#
}

/// A journal kept in memory, for resume tests.
actor MemoryJournal: CallJournal {
    private(set) var stored: [String: CallRecord] = [:]

    func replay(_ key: String) async throws -> CallRecord? { stored[key] }
    func record(_ call: CallRecord) async throws { stored[call.key] = call }
}

/// A model whose every call fails with `error`.
struct FailingModel: ChatModel {
    let name: String
    let error: QuorumError

    func complete(_ request: ChatRequest) async throws -> Completion { throw error }
}
