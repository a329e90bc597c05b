/// Where pairwise verdicts are kept: next to the run they judge.
public protocol PairwiseVerdictStore: Sendable {
    /// Every stored verdict of the run (all judges and baselines).
    func pairwiseVerdicts(ofRun id: String) async throws -> [PairwiseVerdict]
    /// Stores one verdict; a verdict with the same key (run, system, item, baseline, judge, order) is replaced.
    func save(_ verdict: PairwiseVerdict) async throws
}
