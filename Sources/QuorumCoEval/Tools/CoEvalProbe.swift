import Foundation
import QuorumCore
import QuorumEvaluation
import QuorumProviders

/// `quorum coeval probe`: whether every model with a role can be called, before a run spends
/// anything. Listing calls only (`GET …/models`), one per endpoint and key; local models are
/// asked of the local runtime.
public struct CoEvalProbe: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var roles: [String]
        public var probe: ModelProbe
        /// `probe.isReady`, written out for `--json` readers.
        public var ready: Bool
    }

    public var lines: [Line]

    /// Every model is reachable, authorized and offers its model id.
    public var allReady: Bool { lines.allSatisfy(\.probe.isReady) }

    /// Probes the models of `setup` (only `--only-models` ones when restricted).
    public static func run(
        _ setup: CoEvalSetup, factory: ModelFactory, localRuntime: LocalRuntime?, timeout: Duration = .seconds(15)
    ) async -> CoEvalProbe {
        let configs = setup.allModels.filter(setup.includes).compactMap { setup.config.model(named: $0) }
        let probes = await factory.probe(configs, localRuntime: localRuntime, timeout: timeout)
        return CoEvalProbe(lines: probes.map { probe in
            let base = probe.model.split(separator: "/").first.map(String.init) ?? probe.model
            let roles = CoEvalRole.allCases.filter { setup.models(for: $0).contains(base) }.map(\.rawValue)
            return Line(roles: roles, probe: probe, ready: probe.isReady)
        })
    }

    public func renderedTable() -> String {
        func mark(_ flag: Bool?) -> String { flag.map { $0 ? "yes" : "NO" } ?? "?" }
        let table = TextTable(
            header: ["model", "roles", "provider", "id", "reachable", "authorized", "has model", "reason"],
            rows: lines.map { line in
                let probe = line.probe
                return [
                    probe.model, line.roles.joined(separator: ","), probe.provider, probe.modelID, mark(probe.reachable),
                    mark(probe.reachable ? probe.authorized : nil), mark(probe.hasModel), probe.reason ?? "",
                ]
            }
        ).rendered()
        let ready = lines.count { $0.probe.isReady }
        return table + "\n\(ready) of \(lines.count) model\(lines.count == 1 ? "" : "s") ready"
    }
}
