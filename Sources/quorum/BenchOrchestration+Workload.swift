import Foundation
import QuorumCore
import QuorumOrchestration

/// A model that answers at once with a fixed reply (the reply may depend on the prompt).
struct InstantModel: ChatModel {
    let name: String
    let cost: USD
    let reply: @Sendable (ChatRequest) -> String

    func complete(_ request: ChatRequest) async throws -> Completion {
        let text = reply(request)
        // Asked for logprobs (a confidence gate), each of the reply's words comes back as an unsure token.
        let logprobs = request.parameters.logprobs.map { _ in
            text.split(separator: " ").map { TokenLogprob(token: String($0), logprob: -1.2) }
        }
        return Completion(
            text: text, usage: Usage(promptTokens: 40, completionTokens: 8), cost: cost, model: name, logprobs: logprobs)
    }
}

/// An embedding model that answers at once with a fixed 576-dimension vector (SmolLM2's width).
struct InstantEmbedder: EmbeddingModel {
    let name = "embedder"
    static let vector = (0..<576).map { sin(Double($0)) }

    func embed(_ texts: [String]) async throws -> Embeddings {
        Embeddings(vectors: texts.map { _ in Self.vector }, usage: Usage(promptTokens: 12), cost: USD(string: "0.0000001")!)
    }
}

/// The benchmark's systems and models: every system does real gate, judge and trace work.
enum BenchWorkload {
    static let models: [String: any ChatModel] = {
        let list: [any ChatModel] = [
            InstantModel(name: "small", cost: USD(string: "0.0000012")!) { _ in "The answer is 41." },
            InstantModel(name: "large", cost: USD(string: "0.0000150")!) { _ in "The answer is 42." },
            InstantModel(name: "judge", cost: USD(string: "0.0000030")!) { request in
                let prompt = request.messages.last?.content ?? ""
                if request.responseFormat.schema?["properties"]?["best_worker"] != nil {
                    return #"{"workers": [{"worker": 1, "score": 9, "reason": "right"}, {"worker": 2, "score": 6, "reason": "vague"}], "best_worker": 1, "best_score": 9}"#
                }
                let passes = BenchWorkload.contains(prompt, "is 42")
                return #"{"reasoning": "checked", "verdict": "\#(passes ? "Valid" : "Invalid")", "score": \#(passes ? 0.95 : 0.3), "feedback": "recompute"}"#
            },
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    static func system(named name: String) -> (any AnswerSystem)? {
        let small = Responder.model("small", GenerationParameters())
        let large = Responder.model("large", GenerationParameters())
        switch name {
        case "single": return SingleSystem(name: name, responder: small)
        case "cascade":
            // Level 1 fails the judge, level 2 passes: 2 answer calls + 2 judge calls per item.
            return CascadeSystem(name: name, levels: [small, large], gate: .judge(ScoreJudge(name: "q", model: "judge")))
        case "moa":
            return MixtureOfAgentsSystem(
                name: name, layers: [[.init(responder: small), .init(responder: large), .init(responder: small)]],
                aggregator: large, dropout: 0.3, seed: 1)
        case "debate":
            let workers = [DebateSystem.Worker(responder: large, persona: "strict"), .init(responder: small, persona: "medium")]
            return DebateSystem(
                name: name,
                levels: [.init(workers: workers, rounds: 1, judge: PanelJudge(name: "p", model: "judge"), threshold: 8)])
        case "self-consistency":
            return SelfConsistencySystem(name: name, responder: large, n: 5, extractor: .number)
        case "confidence-cascade":
            // The small answer's logprobs fail the gate: 2 answer calls, no judge call, per item.
            return CascadeSystem(
                name: name, levels: [small, large], gate: .confidence(ConfidenceRule(signal: .mean, q: 0.1, threshold: -0.5)))
        case "learned-router":
            // One embedding call, a scan of 200 examples, one answer call per item.
            return LearnedRouterSystem(
                name: name, responders: [small, large], router: .success(benchRouter), embedder: InstantEmbedder(),
                threshold: 0.7)
        default: return nil
        }
    }

    /// A router file's worth of examples: 200 items, 576 dimensions, as `quorum calibrate` trains on.
    static let benchRouter: RouterModel = {
        let examples = (0..<200).map { index in
            RouterModel.Example(
                item: "item-\(index)", vector: (0..<576).map { cos(Double($0 * (index + 1))) }, length: 40 + index % 30,
                category: ["arithmetic", "units", "facts", "choice"][index % 4], correct: [index % 3 != 0, true])
        }
        return RouterModel(models: ["small", "large"], embeddings: "embedder", examples: examples, trainedOn: [])
    }()

    /// Answers `items` questions one after another and reports time per call and memory.
    static func measure(system: any AnswerSystem, items: Int) async throws -> BenchResult {
        let context = RunContext(models: models)
        let checkpoints = Set([items / 100, items / 4, items / 2, items * 3 / 4, items].map { max($0, 1) })
        var memory: [Double] = []
        var calls = 0
        var spent = USD.zero
        let start = ContinuousClock.now
        for index in 1...items {
            let answer = try await system.answer(Question(id: "item-\(index)", prompt: "What is 6 × 7?"), in: context)
            calls += answer.trace.calls.count
            spent += answer.totalCost
            if checkpoints.contains(index) { memory.append(residentMiB()) }
        }
        let elapsed = start.duration(to: .now)
        let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) * 1e-12
        precondition(spent > .zero)
        return BenchResult(
            system: system.name, items: items, calls: calls, microsecondsPerCall: micros / Double(calls),
            microsecondsPerItem: micros / Double(items), residentMiB: memory)
    }

    /// Byte-wise substring search: the instant judge must cost next to nothing itself
    /// (Foundation's `contains` costs more than the orchestration being measured).
    static func contains(_ text: String, _ needle: String) -> Bool {
        let haystack = Array(text.utf8)
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return pattern.isEmpty }
        var index = 0
        while index <= haystack.count - pattern.count {
            if haystack[index] == first, haystack[index..<index + pattern.count].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// Resident set size from `/proc/self/statm` (Linux); 0 elsewhere.
    static func residentMiB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let pages = text.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}
