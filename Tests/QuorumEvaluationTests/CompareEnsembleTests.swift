import Foundation
import QuorumCore
import QuorumStore
import Testing

@testable import QuorumEvaluation

@Suite("Comparison: ensembles against their members")
struct CompareEnsembleTests {
    static let yaml = """
        models:
          - {name: small, provider: openai-compatible, base_url: http://127.0.0.1:1/v1, model: s}
          - {name: large, provider: openai-compatible, base_url: http://127.0.0.1:1/v1, model: l}
        systems:
          - {name: large-alone, type: single, model: large}
          - {name: small-alone, type: single, model: small}
          - {name: moa, type: moa, layers: [[small, large]], aggregator: large}
          - {name: self-moa, type: moa, layers: [[large, large]], aggregator: large}
          - {name: consistent, type: self-consistency, model: small, n: 5}
        """

    /// A run where each system passes `passes[system]` of 10 items.
    static func comparison(_ passes: [String: Int]) throws -> RunComparison {
        let config = try #require(ConfigLoader().load(yaml: yaml, file: "e.yaml", directory: nil).config)
        let systems = ["large-alone", "small-alone", "moa", "self-moa", "consistent"]
        let run = RunRecord(
            id: "r", name: "e", configSnapshot: ConfigSnapshot.json(of: config), dataset: "d", systems: systems,
            baseline: "large-alone", scoring: "verifier:auto")
        let items = systems.flatMap { system in
            (0..<10).map { index in
                var item = ItemRecord(runID: "r", system: system, itemID: "i\(index)", position: index, prompt: "q")
                item.status = .answered
                item.answer = "a"
                item.passed = index < passes[system, default: 0]
                return item
            }
        }
        return RunComparison(run: run, items: items, verdicts: [], options: ComparisonOptions(bootstrap: Bootstrap(resamples: 50)))
    }

    @Test("a MoA below a model it mixes, run beside it, is warned about; one above its members is not")
    func moaBelowMember() throws {
        let comparison = try Self.comparison(["large-alone": 8, "small-alone": 4, "moa": 7, "self-moa": 9, "consistent": 5])
        let warnings = comparison.warnings.filter { $0.contains("below its member") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("moa (moa, 70.0%) scored below its member large-alone (80.0%)") == true)
        #expect(warnings.first?.contains("Self-MoA") == true)
    }

    @Test("self-consistency below its own model alone is warned about, with the member named")
    func selfConsistencyBelowMember() throws {
        let comparison = try Self.comparison(["large-alone": 8, "small-alone": 5, "moa": 8, "self-moa": 8, "consistent": 3])
        #expect(comparison.warnings.filter { $0.contains("below its member") } == [
            "consistent (self-consistency, 30.0%) scored below its member small-alone (50.0%) run beside it, at more calls: "
                + "the hot samples outvote the model's own answer; a gate that keeps a confident first answer (gate: {confidence: …}), more samples or a lower temperature may help"
        ])
    }
}
