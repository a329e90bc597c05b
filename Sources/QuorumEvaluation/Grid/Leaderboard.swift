/// Per (model, prompt) cell of a grid — or per system of any run judged with a rubric — the
/// composite and each criterion with 95% bootstrap intervals over scenarios, human and LLM judges
/// kept apart. Several judges of one cell are averaged before resampling, so a cell judged twice
/// does not count twice.
public struct Leaderboard: Sendable, Hashable, Codable {
    /// A mean and its 95% bootstrap interval (`nil` bounds with a single scenario).
    public struct Estimate: Sendable, Hashable, Codable {
        public var mean: Double
        public var lower95: Double?
        public var upper95: Double?
    }

    public struct Row: Sendable, Hashable, Codable {
        public var model: String
        /// The prompt version; `nil` outside a grid.
        public var prompt: String?
        public var source: CellScore.Source
        public var judges: [String]
        /// Scenarios (items) judged.
        public var scenarios: Int
        public var composite: Estimate
        /// In the rubric's order.
        public var criteria: [NamedEstimate]
        /// Share of judged cells with each flag set, in the rubric's order.
        public var flagRates: [NamedRate]
    }

    public struct NamedEstimate: Sendable, Hashable, Codable {
        public var name: String
        public var estimate: Estimate
    }

    public struct NamedRate: Sendable, Hashable, Codable {
        public var name: String
        public var rate: Double
    }

    /// `tip-v1@1`.
    public var rubric: String
    public var criteria: [String]
    public var flags: [String]
    /// The composite's lowest and highest possible values, for drawing; `nil` when unknown.
    public var compositeRange: ClosedRange<Double>?
    /// Best composite first, human rows before LLM rows.
    public var rows: [Row]
    /// How much the judges agree (among people, and people against LLM judges), when known.
    public var agreement: JudgingAgreement?

    public init(
        scores: [CellScore], rubric: String, criteria: [String], flags: [String], compositeRange: ClosedRange<Double>? = nil,
        bootstrap: Bootstrap = Bootstrap()
    ) {
        self.rubric = rubric
        self.compositeRange = compositeRange
        self.criteria = criteria
        self.flags = flags
        let groups = Dictionary(grouping: scores) { score in
            GroupKey(model: score.system, prompt: GridCellKey(itemID: score.itemID)?.prompt, source: score.source)
        }
        rows = groups.map { key, scores in
            // One value per item: its judges averaged.
            let byItem = Dictionary(grouping: scores, by: \.itemID).values.map { $0 }
            func estimate(_ value: (CellScore) -> Double?) -> Estimate {
                let perItem = byItem.compactMap { cell -> Double? in
                    let values = cell.compactMap(value)
                    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
                }
                let mean = perItem.isEmpty ? .nan : perItem.reduce(0, +) / Double(perItem.count)
                let intervals = perItem.count > 1 ? bootstrap.meanIntervals(of: perItem) : nil
                return Estimate(mean: mean, lower95: intervals?.lower95, upper95: intervals?.upper95)
            }
            return Row(
                model: key.model, prompt: key.prompt, source: key.source, judges: Set(scores.map(\.judge)).sorted(),
                scenarios: byItem.count, composite: estimate(\.composite),
                criteria: criteria.map { name in NamedEstimate(name: name, estimate: estimate { $0.criteria[name] }) },
                flagRates: flags.map { name in
                    NamedRate(name: name, rate: Double(scores.count { $0.flags[name] == true }) / Double(max(1, scores.count)))
                })
        }
        .sorted { ($0.source.rawValue, -$0.composite.mean, $0.model, $0.prompt ?? "") < ($1.source.rawValue, -$1.composite.mean, $1.model, $1.prompt ?? "") }
    }

    private struct GroupKey: Hashable {
        var model: String
        var prompt: String?
        var source: CellScore.Source
    }
}
