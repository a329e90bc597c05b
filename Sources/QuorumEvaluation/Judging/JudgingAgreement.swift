import QuorumCore
import QuorumStore

/// How much judges agree on the same answers, per criterion, per flag and for the composite:
/// among people (when at least two judged the same cells), and between people and LLM judges
/// (when both judged some cell).
///
/// Only judgments with the rubric's label are compared, and a cell's judgments only when they
/// judged the same answer (same SHA-256): scores of a changed answer are another unit.
public struct JudgingAgreement: Sendable, Hashable, Codable {
    /// Agreement on one quantity.
    public struct Measure: Sendable, Hashable, Codable {
        /// A criterion, a flag, or `composite`.
        public var name: String
        /// Krippendorff's alpha (interval metric; nominal for a flag); `nil` when undefined (too
        /// few paired values, or every value the same).
        public var alpha: Double?
        /// Mean |a − b| over every pair of values given to the same cell (for a flag: how often
        /// two judges differ); `nil` without pairs.
        public var meanAbsoluteDifference: Double?
        /// Cells with at least two values.
        public var cells: Int
        /// Pairs of values compared.
        public var pairs: Int
    }

    public var rubric: String
    public var humanJudges: [String]
    public var llmJudges: [String]
    /// Each person is a coder; empty with fewer than two people.
    public var amongHumans: [Measure]
    /// Per cell, the people's mean against the LLM judges' mean; empty when no cell has both.
    public var humanVersusLLM: [Measure]

    /// Agreement over `judgments` (stored ones, and LLM ones from `Judgment.rubricVerdicts(of:)`)
    /// made with `rubric`.
    public init(judgments: [Judgment], rubric: RubricConfig) {
        let label = rubric.label
        let relevant = judgments.filter { $0.rubric == label }
        let humans = Self.names(of: relevant, kind: .human)
        // One unit per judged answer: (system, item, candidate).
        var units: [String: [Judgment]] = [:]
        var order: [String] = []
        for judgment in relevant {
            let key = "\(judgment.system)::\(judgment.itemID)::\(judgment.candidateSHA256)"
            if units[key] == nil { order.append(key) }
            units[key, default: []].append(judgment)
        }
        let cells = order.map { units[$0]! }
        let quantities = Self.quantities(of: rubric)
        self.rubric = label
        humanJudges = humans
        llmJudges = Self.names(of: relevant, kind: .llm)
        amongHumans = humans.count < 2 ? [] : quantities.map { quantity in
            Self.measure(quantity, units: cells.map { cell in
                humans.map { judge in cell.first { $0.kind == .human && $0.judge == judge }.flatMap(quantity.value) }
            })
        }
        let both = cells.filter { cell in cell.contains { $0.kind == .human } && cell.contains { $0.kind == .llm } }
        humanVersusLLM = both.isEmpty ? [] : quantities.map { quantity in
            Self.measure(quantity, units: both.map { cell in
                [JudgmentKind.human, .llm].map { kind in Self.mean(cell.filter { $0.kind == kind }.compactMap(quantity.value)) }
            })
        }
    }

    /// A quantity judges give: its name, metric, and how to read it from a judgment.
    struct Quantity {
        var name: String
        var metric: KrippendorffAlpha.Metric
        var value: @Sendable (Judgment) -> Double?
    }

    static func quantities(of rubric: RubricConfig) -> [Quantity] {
        rubric.criteria.map { criterion in Quantity(name: criterion.name, metric: .interval) { $0.scores[criterion.name] } }
            + (rubric.flags ?? []).map { flag in
                Quantity(name: flag.name, metric: .nominal) { judgment in judgment.flags[flag.name].map { $0 ? 1 : 0 } }
            }
            + [Quantity(name: "composite", metric: .interval) { $0.composite }]
    }

    static func measure(_ quantity: Quantity, units: [[Double?]]) -> Measure {
        var differences: [Double] = []
        var cells = 0
        for unit in units {
            let values = unit.compactMap { $0 }
            guard values.count >= 2 else { continue }
            cells += 1
            for first in values.indices {
                for second in values.indices where second > first { differences.append(abs(values[first] - values[second])) }
            }
        }
        return Measure(
            name: quantity.name, alpha: KrippendorffAlpha.alpha(units, metric: quantity.metric),
            meanAbsoluteDifference: mean(differences), cells: cells, pairs: differences.count)
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The distinct judges of `kind`, in the order first met.
    static func names(of judgments: [Judgment], kind: JudgmentKind) -> [String] {
        var seen: Set<String> = []
        return judgments.filter { $0.kind == kind && seen.insert($0.judge).inserted }.map(\.judge)
    }
}
