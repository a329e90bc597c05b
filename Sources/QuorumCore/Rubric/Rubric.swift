/// A rubric ready to score with: `RubricConfig` checked and compiled, so an LLM judge and a
/// person's judging file read the same scales and combine scores with the same formula.
public struct Rubric: Sendable, Hashable {
    /// A criterion scored with a whole number on `scale`.
    public struct Criterion: Sendable, Hashable {
        public var name: String
        public var description: String
        public var scale: ClosedRange<Int>
        /// Score → what an answer with that score looks like.
        public var anchors: [Int: String]
    }

    /// A yes/no check: 1 or 0 in the composite.
    public struct Flag: Sendable, Hashable {
        public var name: String
        public var description: String
    }

    /// The configuration it was compiled from, kept whole for files that must describe themselves.
    public let config: RubricConfig
    public let criteria: [Criterion]
    public let flags: [Flag]
    /// The composite formula: the configured one, or the criteria's sum.
    public let formula: CompositeExpression
    /// The least and greatest composite any scores and flags can give.
    public let compositeRange: ClosedRange<Double>

    /// Compiles `config`; throws a `.configuration` error naming every problem (the same ones
    /// `quorum validate` reports with their lines).
    public init(_ config: RubricConfig) throws {
        let compiled = RubricCompiler(config)
        guard compiled.problems.isEmpty, let formula = compiled.formula, let range = compiled.range else {
            let problems = compiled.problems.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
            throw QuorumError(.configuration, "rubric '\(config.label)' is not valid: \(problems)")
        }
        self.config = config
        criteria = compiled.criteria
        flags = compiled.flags
        self.formula = formula
        compositeRange = range
    }

    public var id: String { config.id }
    public var version: String? { config.version }
    /// `tip-v1@2`, or the id alone when the rubric has no version: what verdicts and judgments record.
    public var label: String { config.label }

    /// The label of `config`, without compiling it.
    public static func label(of config: RubricConfig) -> String { config.label }

    /// The composite of `scores` (by criterion name) and `flags` (true counts 1, false or absent 0).
    public func composite(scores: [String: Double], flags: [String: Bool]) -> Double {
        var values = scores
        for (name, isSet) in flags { values[name] = isSet ? 1 : 0 }
        return formula.evaluate(values)
    }

    /// `composite` placed on 0…1 between the least and greatest composite possible.
    public func normalized(_ composite: Double) -> Double {
        let width = compositeRange.upperBound - compositeRange.lowerBound
        return min(1, max(0, (composite - compositeRange.lowerBound) / width))
    }

    public func criterion(named name: String) -> Criterion? { criteria.first { $0.name == name } }
    public func flag(named name: String) -> Flag? { flags.first { $0.name == name } }
}

extension RubricConfig {
    /// `id@version`, or the id alone when there is no version.
    public var label: String { version.map { "\(id)@\($0)" } ?? id }
}
