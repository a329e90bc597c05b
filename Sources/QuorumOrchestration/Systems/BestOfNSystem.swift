import QuorumCore

/// Draws `n` answers and keeps the one a judge likes best: highest score, or the winner of a
/// pairwise knockout (position-swapped comparisons; ties go to the earlier sample).
public struct BestOfNSystem: AnswerSystem {
    /// How the best sample is chosen.
    public enum Selection: Sendable {
        case score(any Judge)
        case knockout(PairwiseJudge)
    }

    public var name: String
    /// Sampled in turn: one responder repeated, or several.
    public var responders: [Responder]
    public var n: Int
    public var temperature: Double?
    public var seed: Int?
    public var selection: Selection

    public init(
        name: String, responders: [Responder], n: Int, temperature: Double? = 0.7, seed: Int? = nil,
        selection: Selection
    ) {
        self.name = name
        self.responders = responders
        self.n = n
        self.temperature = temperature
        self.seed = seed
        self.selection = selection
    }

    public func answer(_ question: Question, in context: RunContext) async throws -> Answer {
        let start = ContinuousClock.now
        let context = context.scoped(name)
        let samples = try await SampleSet(responders: responders, count: n, temperature: temperature, seed: seed)
            .draw(for: question, in: context)
        var nodes = samples.enumerated().map { TraceNode(kind: .sample, label: "sample \($0.offset + 1)", children: [$0.element.node]) }
        let best: Int
        let note: String
        switch selection {
        case .score(let judge):
            let verdicts = try await Array(samples.enumerated()).concurrentMap { index, sample in
                try await judge.verdict(on: sample.text, to: question, in: context.scoped("judge-\(index + 1)"))
            }
            for (index, verdict) in verdicts.enumerated() { nodes[index].children.append(verdict.node()) }
            best = BestOfNSystem.highest(verdicts.map(\.score))
            note = "sample \(best + 1) scored highest"
        case .knockout(let judge):
            let (winner, matches) = try await knockout(samples.map(\.text), judge, question, context)
            best = winner
            nodes.append(TraceNode(kind: .round, label: "knockout", children: matches))
            note = "sample \(best + 1) won the knockout"
        }
        let trace = TraceNode(kind: .system, label: name, note: "best-of-\(n): " + note, children: nodes)
        return Answer(text: samples[best].text, trace: trace, latency: start.secondsElapsed)
    }

    /// Index of the highest score; ties go to the first, unscored counts as lowest.
    static func highest(_ scores: [Double?]) -> Int {
        var best = 0
        for (index, score) in scores.enumerated() where (score ?? -1) > (scores[best] ?? -1) { best = index }
        return best
    }

    /// Single-elimination in sample order; a bye passes the odd one out.
    func knockout(
        _ texts: [String], _ judge: PairwiseJudge, _ question: Question, _ context: RunContext
    ) async throws -> (Int, [TraceNode]) {
        var alive = Array(texts.indices)
        var nodes: [TraceNode] = []
        var round = 1
        while alive.count > 1 {
            let pairs = stride(from: 0, to: alive.count - 1, by: 2).map { (alive[$0], alive[$0 + 1]) }
            let roundContext = context.scoped("knockout-\(round)")
            let results = try await pairs.concurrentMap { first, second in
                let comparison = try await judge.compare(
                    texts[first], texts[second], for: question, in: roundContext.scoped("match-\(first + 1)-\(second + 1)"))
                return (comparison.winner == .second ? second : first, comparison.node)
            }
            nodes += results.map(\.1)
            alive = results.map(\.0) + (alive.count % 2 == 1 ? [alive[alive.count - 1]] : [])
            round += 1
        }
        return (alive[0], nodes)
    }
}
