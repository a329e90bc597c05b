import Foundation
import Logging
import QuorumCore
import Testing

@testable import QuorumProviders

@Suite("LocalModelCatalog+Config")
struct LocalModelCatalogConfigTests {
    let catalog = LocalModelCatalog.standard
    let config = QuorumConfig(models: [
        ModelConfig(name: "small", provider: "local", model: "smollm2-135m"),
        ModelConfig(
            name: "large", provider: "local", model: "qwen2.5-coder-1.5b",
            price: Price(input: USD(string: "1")!, output: USD(string: "2")!)),
        ModelConfig(name: "gpt-4.1", provider: "openai", model: "gpt-4.1"),
    ])

    @Test("prefers the config's entry and keeps its own price")
    func prefersConfigEntry() throws {
        let entry = try catalog.modelConfig(named: "large", in: config)
        #expect(entry.model == "qwen2.5-coder-1.5b")
        #expect(entry.price == Price(input: USD(string: "1")!, output: USD(string: "2")!))
    }

    @Test("gives a local entry without a price the catalog's notional price, and a remote one none")
    func fillsNotionalPrice() throws {
        #expect(try catalog.modelConfig(named: "small", in: config).price == catalog.models[0].notionalPrice)
        #expect(try catalog.modelConfig(named: "gpt-4.1", in: config).price == nil)
    }

    @Test("falls back to a catalog model as a local entry, with or without a config")
    func fallsBackToCatalog() throws {
        let entry = try catalog.modelConfig(named: "qwen2.5-coder-0.5b", in: nil)
        #expect(entry.name == "qwen2.5-coder-0.5b")
        #expect(entry.provider == "local")
        #expect(entry.price == LocalModelCatalog.notional(input: "0.10", output: "0.20"))
        #expect(try catalog.modelConfig(named: "smollm2-135m", in: config).provider == "local")
    }

    @Test("names every model that could have been meant when none matches")
    func listsCandidates() {
        let error = #expect(throws: QuorumError.self) { try catalog.modelConfig(named: "larg", in: config) }
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains("small, large, gpt-4.1, smollm2-135m") == true)
    }

    @Test(
        "reads --models lists",
        arguments: [
            (nil, ["smollm2-135m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"]),
            ("", ["smollm2-135m", "qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"]),
            ("qwen2.5-coder-0.5b, smollm2-135m,", ["smollm2-135m", "qwen2.5-coder-0.5b"]),
        ] as [(String?, [String])])
    func readsModelLists(list: String?, expected: [String]) throws {
        #expect(try catalog.models(commaSeparated: list).map(\.name) == expected)
    }

    @Test("rejects a --models list with an unknown name")
    func rejectsUnknownInList() {
        #expect(throws: QuorumError.self) { try catalog.models(commaSeparated: "smollm2-135m,llama-70b") }
    }

    @Test("starts nothing for a config without local models")
    func ignoresRemoteModels() async throws {
        let runtime = LocalRuntime(
            configuration: LocalRuntimeConfiguration(home: URL(fileURLWithPath: "/nonexistent")),
            logger: .init(label: "test"))
        let urls = try await runtime.ensureRunning(for: [config.models[2]])
        #expect(urls.isEmpty)
    }
}
