import QuorumCore
import QuorumOrchestration
import QuorumStore

/// Turns stored runs into a learned router's training examples: for every item that each model
/// answered alone (a system named `MODEL`, or `MODEL@level-N` as `quorum calibrate` names them),
/// whether it was right, what it cost, and the prompt's features.
public struct RouterTraining: Sendable {
    /// One item every model answered, before its prompt is embedded.
    public struct Observation: Sendable, Hashable {
        public var itemID: String
        public var prompt: String
        public var category: String?
        public var correct: [Bool]
        public var costs: [Double]
        /// Each answer's confidence signal, for a router whose picked answer is gated.
        public var confidences: [Double?] = []
    }

    /// The models, cheapest first, as the router will list them.
    public var models: [String]

    public init(models: [String]) {
        self.models = models
    }

    /// The system in `records` that stands for `model` answering alone, if any.
    public func system(for model: String, in records: [ItemRecord]) -> String? {
        let names = Set(records.map(\.system))
        if names.contains(model) { return model }
        return names.filter { $0.hasPrefix(model + "@level-") }.sorted().first
    }

    /// Items that every model answered and were scored, in run order; `categories` by item id (from
    /// the dataset). The first run that has an item wins, so runs given newest first prefer new answers.
    public func observations(
        from records: [ItemRecord], categories: [String: String] = [:], confidence: (ItemRecord) -> Double? = { _ in nil }
    ) throws -> [Observation] {
        var result: [Observation] = []
        var seen: Set<String> = []
        for (_, run) in Dictionary(grouping: records, by: \.runID).sorted(by: { $0.key > $1.key }) {
            let systems = models.map { system(for: $0, in: run) }
            guard systems.allSatisfy({ $0 != nil }) else { continue }
            let bySystem = Dictionary(grouping: run, by: \.system).mapValues { rows in
                Dictionary(rows.map { ($0.itemID, $0) }, uniquingKeysWith: { first, _ in first })
            }
            let order = (bySystem[systems[0]!] ?? [:]).values.sorted { $0.position < $1.position }
            for first in order where !seen.contains(first.itemID) {
                let answers = systems.compactMap { bySystem[$0!]?[first.itemID] }
                let outcomes = answers.compactMap { record -> (Bool, Double, Double?)? in
                    guard let correct = record.correct else { return nil }
                    return (correct, record.answerCost.doubleValue, confidence(record))
                }
                guard outcomes.count == models.count else { continue }
                seen.insert(first.itemID)
                result.append(Observation(
                    itemID: first.itemID, prompt: first.prompt, category: categories[first.itemID],
                    correct: outcomes.map(\.0), costs: outcomes.map(\.1), confidences: outcomes.map(\.2)))
            }
        }
        guard !result.isEmpty else {
            throw QuorumError(
                .configuration,
                "no stored item was answered and scored by every one of \(models.joined(separator: ", ")) alone; "
                    + "`quorum calibrate CONFIG --system ROUTER` runs them")
        }
        return result
    }

    /// Embeds the observations' prompts in batches (`progress` after each) and builds the router.
    /// Also returns each item's share of the embedding cost, the overhead a router pays per item.
    public func train(
        _ observations: [Observation], embedder: any EmbeddingModel, runs: [String], k: Int = 10,
        batch: Int = 32, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> (router: RouterModel, overheads: [Double]) {
        let (vectors, overheads) = try await embed(observations.map(\.prompt), with: embedder, batch: batch, progress: progress)
        let examples = zip(observations, vectors).map { observation, vector in
            RouterModel.Example(
                item: observation.itemID, vector: vector, length: observation.prompt.count, category: observation.category,
                correct: observation.correct)
        }
        var router = RouterModel(models: models, embeddings: embedder.name, examples: examples, trainedOn: runs, k: k)
        router.embeddingCostPerItem = overheads.isEmpty ? nil : overheads.reduce(0, +) / Double(overheads.count)
        return (router, overheads)
    }

    /// Vectors for `texts`, and each text's share of the calls' cost (by length within its batch).
    public func embed(
        _ texts: [String], with embedder: any EmbeddingModel, batch: Int = 32, progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> (vectors: [[Double]], costs: [Double]) {
        var vectors: [[Double]] = []
        var costs: [Double] = []
        for start in stride(from: 0, to: texts.count, by: batch) {
            let chunk = Array(texts[start..<min(start + batch, texts.count)])
            let embedded = try await embedder.embed(chunk)
            guard embedded.vectors.count == chunk.count else {
                throw QuorumError(.malformedResponse, "asked for \(chunk.count) embeddings, got \(embedded.vectors.count)",
                    context: ["model": embedder.name])
            }
            vectors += embedded.vectors
            let characters = Double(max(chunk.reduce(0) { $0 + $1.count }, 1))
            costs += chunk.map { embedded.cost.doubleValue * Double($0.count) / characters }
            progress(vectors.count, texts.count)
        }
        return (vectors, costs)
    }

    /// The ladder a router replays: each level's outcome with the router's predicted chance as its
    /// signal. Left-one-out (`trainedOn: true`) when the items are the router's own examples, so the
    /// curve is as honest as on new items; the embedding share as the item's overhead.
    public static func ladder(
        _ observations: [Observation], vectors: [[Double]], overheads: [Double], router: RouterModel, trainedOn: Bool
    ) -> [LadderItem] {
        let index = Dictionary(router.examples.enumerated().map { ($1.item, $0) }, uniquingKeysWith: { first, _ in first })
        return observations.indices.map { position in
            let observation = observations[position]
            let predictions = router.predict(
                vector: vectors[position], length: observation.prompt.count, category: observation.category,
                excluding: trainedOn ? index[observation.itemID] : nil)
            let levels = observation.correct.indices.map {
                LevelOutcome(
                    correct: observation.correct[$0], cost: observation.costs[$0], signal: predictions[$0],
                    confidence: observation.confidences.indices.contains($0) ? observation.confidences[$0] : nil)
            }
            return LadderItem(id: observation.itemID, category: observation.category, levels: levels, overhead: overheads[position])
        }
    }

    /// The left-one-out ladder of the items `router` was trained on, from the run that answered them:
    /// no embedding call, since the file holds each item's vector.
    public static func ladder(
        trainedOn router: RouterModel, records: [ItemRecord], confidence: (ItemRecord) -> Double? = { _ in nil }
    ) -> [LadderItem] {
        let training = RouterTraining(models: router.models)
        guard let observations = try? training.observations(from: records, confidence: confidence) else { return [] }
        let vectors = Dictionary(router.examples.map { ($0.item, $0.vector) }, uniquingKeysWith: { first, _ in first })
        let categories = Dictionary(router.examples.map { ($0.item, $0.category) }, uniquingKeysWith: { first, _ in first })
        let known = observations.filter { vectors[$0.itemID] != nil }.map { observation -> Observation in
            var observation = observation
            observation.category = categories[observation.itemID] ?? nil
            return observation
        }
        return ladder(
            known, vectors: known.map { vectors[$0.itemID]! },
            overheads: Array(repeating: router.embeddingCostPerItem ?? 0, count: known.count), router: router, trainedOn: true)
    }
}
