import Foundation
import QuorumCore

/// Whether one configured model can be called: its provider answers, accepts the key, and offers
/// the model id. Found with listing calls only (no generation, nothing spent).
public struct ModelProbe: Sendable, Hashable, Codable {
    /// The config's model name (`name/label` for one deployment of a routed model).
    public var model: String
    public var provider: String
    /// The id sent to the provider.
    public var modelID: String
    public var reachable: Bool
    public var authorized: Bool
    /// `nil` when it could not be asked (unreachable, refused).
    public var hasModel: Bool?
    /// Why it is not ready (`HTTP 401 (unauthorized): …`), or a note; never a key.
    public var reason: String?

    public init(model: String, provider: String, modelID: String, reachable: Bool, authorized: Bool, hasModel: Bool?, reason: String?) {
        self.model = model
        self.provider = provider
        self.modelID = modelID
        self.reachable = reachable
        self.authorized = authorized
        self.hasModel = hasModel
        self.reason = reason
    }

    /// Reachable, authorized and offering the model.
    public var isReady: Bool { reachable && authorized && hasModel == true }
}

extension ModelFactory {
    /// Probes every model of `configs` (each deployment of a routed model on its own), at most one
    /// listing call per distinct endpoint and key. Local models are asked of `localRuntime`:
    /// installed, and whether its server runs (a stopped one starts on demand, so it is ready).
    public func probe(_ configs: [ModelConfig], localRuntime: LocalRuntime?, timeout: Duration = .seconds(15)) async -> [ModelProbe] {
        let targets = configs.flatMap { config in
            (config.deployments ?? []).isEmpty ? [config] : (config.deployments ?? []).map { deploymentConfig($0, of: config) }
        }
        // One listing per endpoint and credentials: ten models on one vendor cost one call.
        var listings: [String: Result<ModelListing, ListingFailure>] = [:]
        var results: [ModelProbe] = []
        for written in targets {
            var config = written
            if config.provider == "auto" {
                // Probed as the provider a run would pick; when none qualifies, that is the reason.
                do {
                    config = try await resolvingAutoProviders(QuorumConfig(models: [config])).models[0]
                } catch {
                    results.append(ModelProbe(
                        model: config.name, provider: "auto", modelID: config.model, reachable: false, authorized: false,
                        hasModel: nil, reason: "\(error)"))
                    continue
                }
            }
            if config.provider == "local", config.baseURL == nil {
                results.append(await probeLocal(config, runtime: localRuntime))
                continue
            }
            let listing: Result<ModelListing, ListingFailure>
            do {
                let endpoint = try listingEndpoint(config, baseURLOverride: nil)
                let key = endpoint.url + "\u{0}" + endpoint.headers.map { "\($0.0)=\($0.1)" }.joined(separator: "\u{0}")
                if let known = listings[key] {
                    listing = known
                } else {
                    do throws(ListingFailure) {
                        listing = .success(try await listModels(config, timeout: timeout))
                    } catch {
                        listing = .failure(error)
                    }
                    listings[key] = listing
                }
            } catch {
                listing = .failure(error)
            }
            results.append(Self.probe(config, listing: listing))
        }
        return results
    }

    static func probe(_ config: ModelConfig, listing: Result<ModelListing, ListingFailure>) -> ModelProbe {
        let id = config.provider == "azure" ? (config.deployment ?? config.model) : config.model
        switch listing {
        case .success(let listing):
            // Azure lists the resource's models, not its deployments: the entry's `model` (or a deployment named like it) must be listed.
            let found = listing.offers(config.model) || listing.offers(id)
            return ModelProbe(
                model: config.name, provider: config.provider, modelID: id, reachable: true, authorized: true, hasModel: found,
                reason: found ? nil : "the provider does not list '\(config.model)' (\(listing.ids.count) models listed)")
        case .failure(let failure):
            let refused = [.unauthorized, .forbidden, .noKey].contains(failure.kind)
            return ModelProbe(
                model: config.name, provider: config.provider, modelID: id, reachable: failure.isReachable,
                authorized: !refused && failure.isReachable, hasModel: nil, reason: failure.description)
        }
    }

    private func probeLocal(_ config: ModelConfig, runtime: LocalRuntime?) async -> ModelProbe {
        func result(_ ready: Bool, has: Bool?, _ reason: String?) -> ModelProbe {
            ModelProbe(
                model: config.name, provider: "local", modelID: config.model, reachable: ready, authorized: ready, hasModel: has,
                reason: reason)
        }
        guard let runtime else { return result(false, has: nil, "the local runtime is not set up") }
        guard let local = try? runtime.catalog.model(named: config.model) else {
            return result(false, has: false, "'\(config.model)' is not in the local catalog (`quorum local models`)")
        }
        let status = await runtime.status(of: local)
        guard status.isInstalled else {
            return result(false, has: false, "not installed: quorum local install \(config.model)")
        }
        switch status.state {
        case .running: return result(true, has: true, nil)
        case .stopped: return result(true, has: true, "installed; its server is stopped and starts on demand")
        case .unresponsive: return result(false, has: true, "its server (pid \(status.pid ?? 0)) does not answer")
        }
    }
}
