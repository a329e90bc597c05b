import Foundation
import QuorumCore

/// `type: router, strategy: learned`: embeds the prompt, asks a trained `RouterModel` how likely each
/// model (cheapest first) is to answer it right, and sends it to the cheapest one at or above the
/// threshold, else the strongest. Only the picked model is called; the embedding call is paid for
/// and traced like any other, and journaled with its decision so a resumed run routes the same way.
public struct LearnedRouterSystem: AnswerSystem {
    public var name: String
    /// The models to choose among, cheapest first, as the router file lists them.
    public var responders: [Responder]
    /// The trained router, or why it could not be loaded (reported when the system is asked).
    public var router: Result<RouterModel, QuorumError>
    public var embedder: any EmbeddingModel
    public var threshold: Double
    /// When set, the picked model's answer must pass it too, or the item climbs the remaining models
    /// as a cascade (`escalate: fresh`): the router skips levels it expects to fail, the gate catches
    /// the picks that were wrong.
    public var gate: Gate?
    /// Used until `quorum calibrate` fits one: a cheaper model answers when it is at least 70% likely to be right.
    public static let defaultThreshold = 0.7

    public init(
        name: String, responders: [Responder], router: Result<RouterModel, QuorumError>, embedder: any EmbeddingModel,
        threshold: Double, gate: Gate? = nil
    ) {
        self.gate = gate
        self.name = name
        self.responders = responders
        self.router = router
        self.embedder = embedder
        self.threshold = threshold
    }

    /// What the journal keeps of a routing decision: the predictions, so a replay needs no embedding.
    struct Decision: Codable {
        var predictions: [Double]
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let router = try router.get()
        let scoped = context.scoped(name)
        let call = try await decide(question, router: router, in: scoped)
        let predictions = (try? JSONDecoder().decode(Decision.self, from: Data(call.response.utf8)))?.predictions ?? []
        guard predictions.count == responders.count else {
            throw QuorumError(
                .malformedResponse, "the router's decision for this item does not cover its \(responders.count) models",
                context: ["system": name])
        }
        let picked = RouterModel.pick(predictions, threshold: threshold)
        let responder = responders[picked]
        let odds = zip(router.models, predictions).map { "p(\($0))=\(String(format: "%.2f", $1))" }.joined(separator: " ")
        let why = picked < responders.count - 1 ? "≥ \(threshold)" : "none below the last ≥ \(threshold)"
        let route = TraceNode(kind: .call, label: embedder.name, call: call)
        let note = "router: learned \(odds), \(why) → \(responder.name)"
        if let gate, picked < responders.count - 1 {
            let cascade = CascadeSystem(
                name: "from-\(responder.name)", levels: Array(responders[picked...]), gate: gate, escalation: .fresh)
            let answer = try await cascade.answer(question, in: scoped)
            let trace = TraceNode(kind: .system, label: name, note: note + ", gated", children: [route, answer.trace])
            return Answer(
                text: answer.text, trace: trace, level: picked + answer.level, resolved: answer.resolved,
                latency: start.secondsElapsed)
        }
        let response = try await responder.respond(
            to: question, messages: question.messages, key: "model-\(picked + 1)", in: scoped)
        let trace = TraceNode(kind: .system, label: name, note: note, children: [route, response.node])
        return Answer(
            text: response.text, trace: trace, level: picked + 1, resolved: response.resolved,
            latency: start.secondsElapsed)
    }

    /// The embedding call and its predictions, replayed from the journal when this item was routed before.
    func decide(_ question: Question, router: RouterModel, in context: RunContext) async throws -> CallRecord {
        let key = context.key("route")
        if let journal = context.journal, var stored = try await journal.replay(key) {
            stored.replayed = true
            return stored
        }
        try await context.ledger.admit(model: embedder.name)
        let embedded: Embeddings
        do {
            embedded = try await embedder.embed([question.prompt])
        } catch {
            await context.ledger.settleFailed(model: embedder.name)
            throw error
        }
        await context.ledger.charge(embedded.cost, model: embedder.name)
        guard let vector = embedded.vectors.first else {
            throw QuorumError(.malformedResponse, "the embeddings call returned no vector", context: ["model": embedder.name])
        }
        let predictions = router.predict(vector: vector, length: question.prompt.count, category: question.category)
        let decision = String(decoding: try JSONEncoder().encode(Decision(predictions: predictions)), as: UTF8.self)
        let record = CallRecord(
            key: key, model: embedder.name, role: .answer, messages: [.user(question.prompt)], response: decision,
            usage: embedded.usage, cost: embedded.cost, latency: embedded.latency)
        if let journal = context.journal { try await journal.record(record) }
        return record
    }
}
