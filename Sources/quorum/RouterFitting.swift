import Foundation
import Logging
import QuorumCore
import QuorumEvaluation
import QuorumOrchestration
import QuorumProviders
import QuorumRuntime
import QuorumStore

/// What `quorum calibrate` and `quorum router train` share for a learned router: its embedding model,
/// the dataset's categories, and turning stored answers into a trained router and its ladder.
struct RouterFitting {
    var config: QuorumConfig
    var models: [String]
    var embeddings: String
    /// A gated router's confidence signal on a stored answer.
    var confidence: @Sendable (ItemRecord) -> Double? = { _ in nil }

    /// Each dataset item's category by id (the whole file, whatever split or limit a run used).
    func categories() throws -> [String: String] {
        guard var dataset = config.dataset else { return [:] }
        dataset.filter = nil
        dataset.limit = nil
        let folder = config.sourcePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        let loaded = try DatasetLoader(baseDirectory: folder, skipBadItems: true).load(dataset)
        return Dictionary(
            loaded.items.compactMap { item in item.question.category.map { (item.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Runs `body` with the router's embedding model (a local one's embedding server started if needed).
    func withEmbedder<Result>(_ body: (any EmbeddingModel) async throws -> Result) async throws -> Result {
        try await Assembly.withEmbeddingModel(named: embeddings, in: config, logger: LocalSetup.logger(), body)
    }

    /// Trains on `records` (every model answering alone) and returns the router with its ladder on
    /// the same items, left one out.
    func train(
        on records: [ItemRecord], runs: [String], embedder: any EmbeddingModel, k: Int
    ) async throws -> (router: RouterModel, ladder: [LadderItem]) {
        let training = RouterTraining(models: models)
        let observations = try training.observations(from: records, categories: try categories(), confidence: confidence)
        let (router, overheads) = try await training.train(
            observations, embedder: embedder, runs: runs, k: k, progress: Self.progress("embedding"))
        let ladder = RouterTraining.ladder(
            observations, vectors: router.examples.map(\.vector), overheads: overheads, router: router, trainedOn: true)
        return (router, ladder)
    }

    /// The ladder of items the router was not trained on (a test split).
    func ladder(
        of records: [ItemRecord], router: RouterModel, embedder: any EmbeddingModel
    ) async throws -> [LadderItem] {
        let training = RouterTraining(models: models)
        let observations = try training.observations(from: records, categories: try categories(), confidence: confidence)
        let (vectors, overheads) = try await training.embed(
            observations.map(\.prompt), with: embedder, progress: Self.progress("embedding the test split"))
        return RouterTraining.ladder(observations, vectors: vectors, overheads: overheads, router: router, trainedOn: false)
    }

    /// A progress line on standard error while prompts are embedded.
    static func progress(_ what: String) -> @Sendable (Int, Int) -> Void {
        { done, total in
            FileHandle.standardError.write(Data("\r\(what): \(done)/\(total) prompts".utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
