import Foundation
import QuorumCore

/// A learned router: k nearest neighbours over past items' prompt features, predicting for each model
/// (cheapest first) the chance it answers a new prompt right.
///
/// Trained by `quorum router train` from stored runs (which model got each item right), saved as one
/// JSON file, loaded by a `strategy: learned` router. kNN because it needs no fitting beyond storing
/// the examples, explains itself (its neighbours) and, left-one-out, gives honest signals to calibrate
/// the threshold on the very items it was trained on.
public struct RouterModel: Sendable, Hashable, Codable {
    public static let format = "quorum-router/1"

    /// One past item: its features and which models answered it right.
    public struct Example: Sendable, Hashable, Codable {
        public var item: String
        /// The prompt's embedding, unit length.
        public var vector: [Double]
        /// The prompt's length in characters.
        public var length: Int
        public var category: String?
        /// One per model, in `models` order.
        public var correct: [Bool]

        public init(item: String, vector: [Double], length: Int, category: String?, correct: [Bool]) {
            self.item = item
            self.vector = RouterModel.unit(vector)
            self.length = length
            self.category = category
            self.correct = correct
        }
    }

    public var format: String
    /// The models it chooses among, cheapest first (config names).
    public var models: [String]
    /// The config model whose embeddings the vectors are; a router only compares vectors from one model.
    public var embeddings: String
    /// Neighbours consulted per prediction.
    public var k: Int
    /// Distance added when two prompts' categories differ, and per unit of |ln length ratio|.
    public var categoryWeight: Double
    public var lengthWeight: Double
    /// The runs its examples came from.
    public var trainedOn: [String]
    /// USD its embedding call cost per item on average while training: what routing adds to an item.
    public var embeddingCostPerItem: Double?
    public var createdAt: Date
    public var examples: [Example]

    public init(
        models: [String], embeddings: String, examples: [Example], trainedOn: [String], k: Int = 10,
        categoryWeight: Double = 0.25, lengthWeight: Double = 0.1, createdAt: Date = Date()
    ) {
        format = Self.format
        self.models = models
        self.embeddings = embeddings
        self.examples = examples
        self.trainedOn = trainedOn
        self.k = k
        self.categoryWeight = categoryWeight
        self.lengthWeight = lengthWeight
        self.createdAt = createdAt
    }

    /// Each model's accuracy over all examples: what a prediction falls back on far from every example.
    public var priors: [Double] {
        let count = Double(max(examples.count, 1))
        return models.indices.map { model in Double(examples.count { $0.correct[model] }) / count }
    }

    /// The predicted chance each model answers right, from the `k` nearest examples weighted by
    /// closeness and pulled toward the model's overall accuracy by one neighbour's weight.
    /// `excluding` leaves one example out (its own prediction, for calibrating on training data).
    public func predict(vector: [Double], length: Int, category: String?, excluding: Int? = nil) -> [Double] {
        let query = Self.unit(vector)
        // The k nearest, kept sorted by insertion: one pass over the examples, no full sort.
        var nearest: [(distance: Double, index: Int)] = []
        nearest.reserveCapacity(k + 1)
        for (index, example) in examples.enumerated() where index != excluding {
            let distance = distance(query, length, category, example)
            if nearest.count == k, let worst = nearest.last, worst.distance <= distance { continue }
            let position = nearest.firstIndex { $0.distance > distance } ?? nearest.count
            nearest.insert((distance, index), at: position)
            if nearest.count > k { nearest.removeLast() }
        }
        let priors = priors
        return models.indices.map { model in
            var weighted = priors[model]
            var total = 1.0
            for neighbour in nearest {
                let weight = 1 / (neighbour.distance + 0.05)
                weighted += weight * (examples[neighbour.index].correct[model] ? 1 : 0)
                total += weight
            }
            return weighted / total
        }
    }

    /// The model (index) a router with `threshold` picks: the cheapest below the last whose predicted
    /// chance is at least the threshold, else the last.
    public static func pick(_ predictions: [Double], threshold: Double) -> Int {
        let last = predictions.count - 1
        return predictions.prefix(last).firstIndex { $0 >= threshold } ?? last
    }

    func distance(_ query: [Double], _ length: Int, _ category: String?, _ example: Example) -> Double {
        var dot = 0.0
        query.withUnsafeBufferPointer { a in
            example.vector.withUnsafeBufferPointer { b in
                for index in 0..<min(a.count, b.count) { dot += a[index] * b[index] }
            }
        }
        var result = 1 - dot
        if let category, let other = example.category, category.caseInsensitiveCompare(other) != .orderedSame {
            result += categoryWeight
        }
        result += lengthWeight * abs(log(Double(max(length, 1))) - log(Double(max(example.length, 1))))
        return result
    }

    static func unit(_ vector: [Double]) -> [Double] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}

extension RouterModel {
    /// Reads a router file, saying what is wrong with it by path.
    public static func load(from path: String) throws -> RouterModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QuorumError(
                .configuration, "no router file at \(path): train one with `quorum router train CONFIG --system NAME`",
                context: ["file": path])
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let model: RouterModel
        do {
            model = try decoder.decode(RouterModel.self, from: data)
        } catch {
            throw QuorumError(.configuration, "\(path) is not a Quorum router file: \(error)", context: ["file": path])
        }
        guard model.format == format else {
            throw QuorumError(.configuration, "\(path) is format \(model.format); this Quorum reads \(format)", context: ["file": path])
        }
        guard !model.examples.isEmpty, model.examples.allSatisfy({ $0.correct.count == model.models.count }) else {
            throw QuorumError(.configuration, "\(path) has no examples, or examples that do not cover its models", context: ["file": path])
        }
        return model
    }

    /// Writes the file (sorted keys, so a retrained router diffs cleanly).
    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
