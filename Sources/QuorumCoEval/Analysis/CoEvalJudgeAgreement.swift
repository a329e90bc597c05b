import QuorumEvaluation

/// How far CoEval's judges agree with each other, pairwise and as an ensemble.
///
/// A unit is one (response, criterion). Pairwise figures use the units both judges graded;
/// alpha uses every unit at least two judges graded, the others count as missing.
public struct CoEvalJudgeAgreement: Sendable, Hashable, Codable {
    /// Every judge that graded something, by name.
    public var judges: [String]
    /// One per unordered pair of judges, in judge order.
    public var pairs: [CoEvalJudgePair]
    /// Per judge: grades given, mean grade (leniency) and CoEval's judge score.
    public var profiles: [CoEvalJudgeProfile]
    /// Krippendorff's alpha with the ordinal metric over Low < Medium < High: the grades' own scale.
    public var alphaOrdinal: Double?
    /// Krippendorff's alpha with the interval metric over the values 0, 0.5, 1.
    public var alphaInterval: Double?
    /// Units graded by at least two judges (the ones alpha pairs).
    public var alphaUnits: Int
    /// Why alpha is missing, when it is.
    public var alphaNote: String?

    /// The pair of `a` and `b`, in either order.
    public func pair(_ a: String, _ b: String) -> CoEvalJudgePair? {
        pairs.first { ($0.judgeA == a && $0.judgeB == b) || ($0.judgeA == b && $0.judgeB == a) }
    }
}

/// Agreement between two judges over the units both graded.
public struct CoEvalJudgePair: Sendable, Hashable, Codable {
    public var judgeA: String
    public var judgeB: String
    /// (response, criterion) units both judges graded.
    public var sharedUnits: Int
    /// Pearson's r of the grade values; `nil` when either judge gave one grade throughout.
    public var pearson: Double?
    /// Spearman's rho, ties sharing their average rank.
    public var spearman: Double?
    /// Share of units with the same grade (CoEval's SPA).
    public var exactAgreement: Double?
    /// CoEval's WPA: 1 for the same grade, 0.5 one step apart, 0 for High against Low.
    public var weightedAgreement: Double?
    /// Cohen's kappa over the three grades; `nil` when chance agreement is 1.
    public var kappa: Double?
    /// Why a figure is missing (no shared units, a judge who gave one grade throughout), when one is.
    public var note: String?
}

/// One judge's grading at a glance.
public struct CoEvalJudgeProfile: Sendable, Hashable, Codable {
    public var judge: String
    /// (response, criterion) units this judge graded.
    public var grades: Int
    public var meanGrade: Double?
    /// CoEval's judge score: the WPA of this judge's pairs, weighted by their shared units.
    public var weightedAgreement: Double?
}

extension CoEvalJudgeAgreement {
    init(_ table: CoEvalGradeTable) {
        let judges = table.judges
        self.judges = judges
        var pairs: [CoEvalJudgePair] = []
        for (offset, a) in judges.enumerated() {
            for b in judges.dropFirst(offset + 1) { pairs.append(Self.pair(a, b, table)) }
        }
        self.pairs = pairs
        profiles = judges.map { judge in
            let given = table.units.compactMap { table.grades[$0]?[judge]?.value }
            let mine = pairs.filter { ($0.judgeA == judge || $0.judgeB == judge) && $0.weightedAgreement != nil }
            let weight = mine.map(\.sharedUnits).reduce(0, +)
            return CoEvalJudgeProfile(
                judge: judge, grades: given.count,
                meanGrade: given.isEmpty ? nil : given.reduce(0, +) / Double(given.count),
                weightedAgreement: weight == 0
                    ? nil : mine.map { $0.weightedAgreement! * Double($0.sharedUnits) }.reduce(0, +) / Double(weight))
        }
        let units = table.units.map { unit in judges.map { table.grades[unit]?[$0]?.value } }
        alphaUnits = units.filter { $0.compactMap { $0 }.count >= 2 }.count
        let ordinal = KrippendorffAlpha.estimate(units, metric: .ordinal)
        alphaOrdinal = ordinal.value
        alphaInterval = KrippendorffAlpha.estimate(units, metric: .interval).value
        if judges.count < 2 {
            alphaNote = judges.isEmpty ? "no evaluations yet" : "one judge: agreement needs at least two"
        } else if alphaUnits == 0 {
            alphaNote = "no (response, criterion) was graded by two judges"
        } else {
            alphaNote = ordinal.reason
        }
    }

    static func pair(_ a: String, _ b: String, _ table: CoEvalGradeTable) -> CoEvalJudgePair {
        var shared: [(CoEvalGrade, CoEvalGrade)] = []
        for unit in table.units {
            if let gradeA = table.grades[unit]?[a], let gradeB = table.grades[unit]?[b] { shared.append((gradeA, gradeB)) }
        }
        let n = Double(shared.count)
        let x = shared.map(\.0.value), y = shared.map(\.1.value)
        var result = CoEvalJudgePair(judgeA: a, judgeB: b, sharedUnits: shared.count)
        guard !shared.isEmpty else {
            result.note = "no (response, criterion) graded by both"
            return result
        }
        let pearson = Correlation.pearsonEstimate(x, y)
        result.pearson = pearson.value
        result.spearman = Correlation.spearmanEstimate(x, y).value
        let observed = Double(shared.filter { $0.0 == $0.1 }.count) / n
        result.exactAgreement = observed
        result.weightedAgreement = zip(x, y).map { 1 - abs($0 - $1) }.reduce(0, +) / n
        let chance = CoEvalGrade.allCases.map { grade in
            Double(shared.filter { $0.0 == grade }.count) / n * Double(shared.filter { $0.1 == grade }.count) / n
        }.reduce(0, +)
        result.kappa = chance >= 1 - 1e-12 ? nil : (observed - chance) / (1 - chance)
        result.note = pearson.reason.map { "correlation: \($0)" }
            ?? (result.kappa == nil ? "kappa: both judges gave one and the same grade throughout" : nil)
        return result
    }
}

extension CoEvalJudgePair {
    init(judgeA: String, judgeB: String, sharedUnits: Int) {
        self.judgeA = judgeA
        self.judgeB = judgeB
        self.sharedUnits = sharedUnits
    }
}
