import QuorumCore

/// Mixture of agents (Together's MoA): layers of proposers, each layer seeing the previous layer's
/// answers through the `aggregate` prompt, and an aggregator that writes the final answer.
///
/// Calls within a layer run concurrently. Options: `dropout` drops each reference with that
/// probability (seeded by `seed`, the item id and the position, so runs repeat), `weights` order
/// references so `maxReferences` keeps the heaviest, and `layerPrompts` add a system prompt per layer.
/// With `unanimous`, a last layer whose answers all extract to the same value is returned as is:
/// the aggregator could only restate it, and on verifiable questions it sometimes talks itself out
/// of it (a 1.5B aggregator copied a wrong first reference over its own right answer).
///
/// With a `referenceGate`, each answer must pass it to be shown as a reference: a weak proposer's
/// unsure answers no longer mislead a stronger aggregator, which was why a 0.5B + 1.5B mixture scored
/// below the 1.5B alone. When no answer of a layer passes, all are shown (the gate has nothing to
/// prefer). A confidence gate reads logprobs asked for on the proposer's own call: no extra call.
public struct MixtureOfAgentsSystem: AnswerSystem {
    /// A proposer and the weight of its answer as a reference.
    public struct Proposer: Sendable {
        public var responder: Responder
        public var weight: Double

        public init(responder: Responder, weight: Double = 1) {
            self.responder = responder
            self.weight = weight
        }
    }

    public var name: String
    public var layers: [[Proposer]]
    public var aggregator: Responder
    /// Probability in 0…1 that each reference is hidden from a given proposer or the aggregator.
    public var dropout: Double
    public var maxReferences: Int?
    /// System prompt per layer (index 0 = layer 1); the aggregator uses the entry after the last layer.
    public var layerPrompts: [String]
    public var seed: Int
    /// When set, unanimous last-layer answers (by this extractor) skip the aggregator. With a
    /// `referenceGate`, only the answers that passed it are counted, so one trusted answer stands alone.
    public var unanimous: AnswerExtractor?
    /// Hides from the next layer and the aggregator the answers that fail it.
    public var referenceGate: Gate?
    public var prompts: PromptSet

    public init(
        name: String, layers: [[Proposer]], aggregator: Responder, dropout: Double = 0, maxReferences: Int? = nil,
        layerPrompts: [String] = [], seed: Int = 0, unanimous: AnswerExtractor? = nil, referenceGate: Gate? = nil,
        prompts: PromptSet = PromptSet()
    ) {
        self.name = name
        self.layers = layers
        self.aggregator = aggregator
        self.dropout = dropout
        self.maxReferences = maxReferences
        self.layerPrompts = layerPrompts
        self.seed = seed
        self.unanimous = unanimous
        self.referenceGate = referenceGate
        self.prompts = prompts
    }

    /// One answer available as a reference to the next layer.
    struct Reference: Sendable {
        var position: Int
        var text: String
        var weight: Double
        /// Whether it passed the reference gate (always, without one).
        var trusted = true
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let context = context.scoped(name)
        var references: [Reference] = []
        var nodes: [TraceNode] = []
        for (layerIndex, layer) in layers.enumerated() {
            let layerContext = context.scoped("layer-\(layerIndex + 1)")
            let available = references
            let results = try await Array(layer.enumerated()).concurrentMap { index, proposer in
                let seen = select(available, for: "layer-\(layerIndex + 1)/proposer-\(index + 1)", question: question)
                let messages = question.messages(system: systemPrompt(layer: layerIndex, references: seen))
                let response = try await proposer.responder.respond(
                    to: question, messages: messages, key: "proposer-\(index + 1)", in: layerContext,
                    parameters: referenceGate?.logprobsWanted.map { GenerationParameters(logprobs: $0) })
                let verdict = try await referenceGate?.evaluate(
                    GateInput(
                        question: question, answer: response.text, responder: proposer.responder, messages: messages,
                        logprobs: response.logprobs),
                    in: layerContext.scoped("proposer-\(index + 1)"))
                return (response: response, seen: seen.map(\.position), verdict: verdict)
            }
            let answers = zip(results, layer).enumerated().map { index, pair in
                Reference(
                    position: index + 1, text: pair.0.response.text, weight: pair.1.weight,
                    trusted: pair.0.verdict?.passed ?? true)
            }
            // A layer none of whose answers the gate trusts is shown whole: hiding all would leave nothing.
            references = answers.contains(where: \.trusted) ? answers.filter(\.trusted) : answers
            let notes = [seenNote(results.map(\.seen), layer: layerIndex), gateNote(answers)].compactMap { $0 }
            nodes.append(TraceNode(
                kind: .layer, label: "layer \(layerIndex + 1)", note: notes.isEmpty ? nil : notes.joined(separator: "; "),
                children: results.flatMap { [$0.response.node] + ($0.verdict.map { [$0.node] } ?? []) }))
        }
        if let agreed = agreedAnswer(references) {
            nodes.append(TraceNode(
                kind: .layer, label: "aggregate",
                note: references.count == 1
                    ? "skipped: one answer passed the reference gate, '\(agreed.value)'"
                    : "skipped: all \(references.count) answers agree on '\(agreed.value)'"))
            let trace = TraceNode(kind: .system, label: name, note: "moa: \(layers.count) layer(s), unanimous", children: nodes)
            return Answer(text: agreed.text, trace: trace, latency: start.secondsElapsed)
        }
        let seen = select(references, for: "aggregator", question: question)
        let messages = question.messages(system: systemPrompt(layer: layers.count, references: seen))
        let final = try await aggregator.respond(to: question, messages: messages, key: "aggregate", in: context)
        nodes.append(TraceNode(
            kind: .layer, label: "aggregate", note: "saw references \(positions(seen.map(\.position)))",
            children: [final.node]))
        let trace = TraceNode(kind: .system, label: name, note: "moa: \(layers.count) layer(s) + aggregator", children: nodes)
        return Answer(text: final.text, trace: trace, latency: start.secondsElapsed)
    }

    /// The shared answer of a unanimous last layer (the heaviest proposer's wording), when `unanimous` is set.
    func agreedAnswer(_ references: [Reference]) -> (value: String, text: String)? {
        guard let unanimous, references.count > 1 || (referenceGate != nil && references.first?.trusted == true) else {
            return nil
        }
        // Answers with nothing to extract never count as agreeing.
        guard let value = unanimous.extract(references[0].text),
            references.dropFirst().allSatisfy({ unanimous.extract($0.text) == value })
        else { return nil }
        return (value, heaviestFirst(references)[0].text)
    }

    /// Heaviest first; equal weights keep layer order (stable).
    func heaviestFirst(_ references: [Reference]) -> [Reference] {
        references.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
    }

    /// The references one caller sees: seeded dropout (keeping at least one), heaviest first, at most `maxReferences`.
    func select(_ references: [Reference], for position: String, question: Question) -> [Reference] {
        guard !references.isEmpty else { return [] }
        var kept = references
        if dropout > 0 {
            var random = SeededRandom("\(seed)", question.id, position)
            kept = references.filter { _ in random.nextUnit() >= dropout }
            if kept.isEmpty { kept = [references[Int(random.next() % UInt64(references.count))]] }
        }
        kept = heaviestFirst(kept)
        if let maxReferences { kept = Array(kept.prefix(max(1, maxReferences))) }
        return kept
    }

    func systemPrompt(layer: Int, references: [Reference]) -> String? {
        let own = layer < layerPrompts.count ? layerPrompts[layer] : nil
        guard !references.isEmpty else { return own }
        let listing = references.enumerated().map { "\($0.offset + 1). \($0.element.text)" }.joined(separator: "\n\n")
        let aggregate = prompts.render("aggregate", ["references": listing])
        return own.map { $0 + "\n\n" + aggregate } ?? aggregate
    }

    /// Which answers the reference gate hid, when it hid any.
    func gateNote(_ answers: [Reference]) -> String? {
        guard referenceGate != nil else { return nil }
        let hidden = answers.filter { !$0.trusted }.map(\.position)
        if hidden.isEmpty { return "every answer passed the reference gate" }
        if hidden.count == answers.count { return "no answer passed the reference gate: all shown" }
        return "hidden by the reference gate: \(positions(hidden))"
    }

    func seenNote(_ seen: [[Int]], layer: Int) -> String? {
        guard layer > 0 else { return nil }
        return seen.enumerated().map { "proposer \($0.offset + 1) saw \(positions($0.element))" }.joined(separator: "; ")
    }

    func positions(_ list: [Int]) -> String {
        list.isEmpty ? "none" : list.map(String.init).joined(separator: ",")
    }
}
