/// `coeval.batch.VENDOR:` — which of phases 3-5 send that vendor's calls through its batch API,
/// e.g. `{openai: {response_collection: true, evaluation: true}}`.
public struct CoEvalBatchPhases: Sendable, Hashable, Codable {
    public var dataGeneration: Bool?
    public var responseCollection: Bool?
    public var evaluation: Bool?

    public init(dataGeneration: Bool? = nil, responseCollection: Bool? = nil, evaluation: Bool? = nil) {
        self.dataGeneration = dataGeneration
        self.responseCollection = responseCollection
        self.evaluation = evaluation
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case dataGeneration = "data_generation", responseCollection = "response_collection", evaluation
    }

    /// Whether the phase with key `key` (`response_collection`, …) is batched.
    public func includes(phaseKey key: String) -> Bool {
        switch key {
        case CodingKeys.dataGeneration.rawValue: dataGeneration == true
        case CodingKeys.responseCollection.rawValue: responseCollection == true
        case CodingKeys.evaluation.rawValue: evaluation == true
        default: false
        }
    }
}

/// The vendors with a batch API Quorum speaks, and the ones accepted but run live.
public enum BatchVocabulary {
    /// Half price, results within 24 hours.
    public static let vendors = ["openai", "azure", "anthropic"]
    /// No batch discount here: their calls run live, as concurrent calls.
    public static let liveVendors = ["gemini", "local"]
}

extension ModelConfig {
    /// The batch API this model's calls can go through: `openai`, `azure` or `anthropic`; `nil`
    /// for every other provider (Gemini, local, OpenAI-compatible servers), whose calls run live.
    public var batchVendor: String? {
        BatchVocabulary.vendors.contains(provider) ? provider : nil
    }
}
