import Foundation
import QuorumCore

extension ModelFactory {
    /// Providers `provider: auto` may pick: cloud vendors reachable with only a key (Azure needs a
    /// resource URL, local servers need no key, so neither is guessed).
    static var autoCandidates: [String] {
        (ProviderPreset.all.values.filter(\.requiresKey).map(\.name) + ["anthropic", "gemini"]).sorted()
    }

    /// `config` with every model written `provider: auto` (among `names`, all when empty) given a
    /// real provider: among the providers with a key in the environment whose listing offers the
    /// model id — or, when the listing cannot be fetched, whose price table has it — the cheapest
    /// by the price table (input + output per 1M tokens; unpriced ones last, then by name).
    ///
    /// This is the one place `auto` is resolved; `baseURLs` points providers elsewhere (tests).
    /// Throws `.configuration` naming the providers tried when none qualifies.
    public func resolvingAutoProviders(
        _ config: QuorumConfig, names: Set<String> = [], baseURLs: [String: String] = [:]
    ) async throws -> QuorumConfig {
        var resolved = config
        var listings: [String: ModelListing?] = [:]
        for (index, model) in config.models.enumerated() where model.provider == "auto" && (names.isEmpty || names.contains(model.name)) {
            var choices: [(provider: String, price: Price?)] = []
            var tried: [String] = []
            for provider in Self.autoCandidates {
                var candidate = model
                candidate.provider = provider
                candidate.baseURL = baseURLs[provider]
                guard apiKey(for: candidate) != nil else { continue }
                tried.append(provider)
                if listings[provider] == nil {
                    do throws(ListingFailure) {
                        listings[provider] = .some(try await listModels(candidate, timeout: .seconds(10)))
                    } catch {
                        listings[provider] = .some(nil)
                    }
                }
                let price = priceTable.price(for: model.model, vendor: provider)
                let offered = listings[provider].flatMap { $0 }.map { $0.offers(model.model) } ?? (price != nil)
                if offered { choices.append((provider, price)) }
            }
            guard let best = choices.min(by: { Self.isCheaper($0, than: $1) }) else {
                let which = tried.isEmpty
                    ? "no provider has a key in the environment (\(Self.autoCandidates.joined(separator: ", ")))"
                    : "none of the providers with a key (\(tried.joined(separator: ", "))) offers it"
                throw QuorumError(
                    .configuration, "provider: auto for '\(model.model)': \(which)", context: ["model": model.name])
            }
            resolved.models[index].provider = best.provider
            if let url = baseURLs[best.provider] { resolved.models[index].baseURL = url }
        }
        return resolved
    }

    private static func isCheaper(_ a: (provider: String, price: Price?), than b: (provider: String, price: Price?)) -> Bool {
        switch (a.price, b.price) {
        case let (x?, y?):
            let (left, right) = (x.input + x.output, y.input + y.output)
            return left != right ? left < right : a.provider < b.provider
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a.provider < b.provider
        }
    }
}
