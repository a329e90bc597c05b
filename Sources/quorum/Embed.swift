import ArgumentParser
import Foundation
import QuorumCore
import QuorumProviders

/// `quorum embed`: texts to vectors, with a local model's embedding server or any OpenAI-compatible
/// `/v1/embeddings`.
struct Embed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts: one vector per text, from a local model or an OpenAI-compatible endpoint.",
        discussion: """
            With a local catalog model (smollm2-135m, qwen2.5-coder-0.5b, qwen2.5-coder-1.5b) a second server \
            on the same weights answers /v1/embeddings (mean pooling), started if needed and left running \
            as NAME-embeddings. --base-url sends the texts to another server instead (the key comes from \
            --api-key-env, never from the command line).
            """)

    @Argument(help: "The texts to embed.")
    var texts: [String]

    @Option(name: .shortAndLong, help: "A local catalog model, or the model id at --base-url.")
    var model: String

    @Option(help: "An OpenAI-compatible API root ending in /v1 (default: the local runtime).")
    var baseURL: String?

    @Option(help: "The environment variable that holds the API key for --base-url.")
    var apiKeyEnv: String?

    @Flag(help: "Print the vectors as JSON instead of a summary.")
    var json = false

    func validate() throws {
        if texts.isEmpty { throw ValidationError("Give at least one text to embed.") }
    }

    func run() async throws {
        let client: EmbeddingClient
        if let baseURL {
            let key = apiKeyEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
            client = EmbeddingClient(baseURL: baseURL, model: model, apiKey: key)
        } else {
            let runtime = try LocalSetup.runtime()
            let server = try runtime.catalog.model(named: model).embeddingServer
            if !json, await runtime.status(of: server).state != .running {
                printError(dim("starting the embedding server for \(model)…"))
            }
            let url = try await runtime.ensureRunning(server)
            client = EmbeddingClient(baseURL: url.absoluteString, model: server.name)
        }
        let vectors = try await client.embed(texts)
        if json {
            try printJSON(EmbedResult(model: model, embeddings: vectors))
            return
        }
        for (text, vector) in zip(texts, vectors) {
            let head = vector.prefix(4).map { String(format: "%.4f", $0) }.joined(separator: ", ")
            print("\(vector.count) dimensions [\(head), …]  \(text.prefix(60))")
        }
    }
}

/// What `quorum embed --json` prints.
struct EmbedResult: Codable {
    var model: String
    var embeddings: [[Double]]
}
