import Foundation

/// Reads a `RubricConfig` into a `Rubric`'s parts and collects every problem with its path inside
/// the rubric (`criteria[1].scale`): `Rubric.init` refuses a rubric that has any, and the config
/// validator reports them under `rubrics[i].` with their lines.
struct RubricCompiler {
    private(set) var problems: [(path: String, message: String)] = []
    private(set) var criteria: [Rubric.Criterion] = []
    private(set) var flags: [Rubric.Flag] = []
    private(set) var formula: CompositeExpression?
    /// The composite's range; `nil` when the formula cannot be read or has no usable range.
    private(set) var range: ClosedRange<Double>?

    init(_ config: RubricConfig) {
        if config.id.trimmingCharacters(in: .whitespaces).isEmpty { problem("id", "a rubric needs an id") }
        if config.criteria.isEmpty { problem("criteria", "a rubric needs at least one criterion") }
        for (index, criterion) in config.criteria.enumerated() { compile(criterion, at: "criteria[\(index)]") }
        for (index, flag) in (config.flags ?? []).enumerated() { compile(flag, at: "flags[\(index)]") }
        compileFormula(config.composite)
    }

    private mutating func problem(_ path: String, _ message: String) { problems.append((path, message)) }

    private var names: [String] { criteria.map(\.name) + flags.map(\.name) }

    private mutating func compile(_ criterion: RubricScaleCriterion, at path: String) {
        let isNamed = checkName(criterion.name, at: "\(path).name", what: "criterion")
        let scale = criterion.scale ?? [1, 5]
        let isScale = scale.count == 2 && scale[0] < scale[1]
        if !isScale { problem("\(path).scale", "must be [low, high] with low below high, found \(scale)") }
        // A bad scale still names a criterion, so the formula is not also blamed for using it.
        let range = isScale ? scale[0]...scale[1] : 1...5
        var anchors: [Int: String] = [:]
        for (key, text) in criterion.anchors ?? [:] {
            guard let score = Int(key.trimmingCharacters(in: .whitespaces)) else {
                problem("\(path).anchors.\(key)", "an anchor's key is a score; '\(key)' is not a whole number")
                continue
            }
            guard range.contains(score) || !isScale else {
                problem("\(path).anchors.\(key)", "score \(score) is outside the scale \(range.lowerBound)…\(range.upperBound)")
                continue
            }
            anchors[score] = text
        }
        if isNamed {
            criteria.append(.init(name: criterion.name, description: criterion.description ?? "", scale: range, anchors: anchors))
        }
    }

    private mutating func compile(_ flag: RubricFlag, at path: String) {
        guard checkName(flag.name, at: "\(path).name", what: "flag") else { return }
        flags.append(.init(name: flag.name, description: flag.description ?? ""))
    }

    /// Whether `name` is non-empty and not taken by an earlier criterion or flag.
    private mutating func checkName(_ name: String, at path: String, what: String) -> Bool {
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            problem(path, "a \(what) needs a name")
            return false
        }
        if let earlier = criteria.first(where: { $0.name == name }) {
            problem(path, "'\(earlier.name)' is already a criterion")
            return false
        }
        if flags.contains(where: { $0.name == name }) {
            problem(path, "'\(name)' is already a flag")
            return false
        }
        return true
    }

    private mutating func compileFormula(_ text: String?) {
        let formula: CompositeExpression
        if let text {
            do {
                formula = try CompositeExpression(parsing: text)
            } catch {
                problem("composite", "cannot read '\(text)' \(error)")
                return
            }
        } else {
            formula = .sum(of: criteria.map(\.name))
        }
        self.formula = formula
        let known = names
        let unknown = formula.names.filter { !known.contains($0) }
        for name in unknown {
            problem(
                "composite", "no criterion or flag named '\(name)'" + DidYouMean.hint(for: name, among: known)
                    + " (the formula may use: \(known.joined(separator: ", ")))")
        }
        guard unknown.isEmpty, problems.isEmpty else { return }
        var domains = Dictionary(uniqueKeysWithValues: criteria.map { ($0.name, $0.scale) })
        for flag in flags { domains[flag.name] = 0...1 }
        guard let range = formula.range(over: domains) else {
            problem("composite", "'\(formula)' divides by zero for some scores")
            return
        }
        guard range.lowerBound < range.upperBound else {
            var value = ""
            JSONWriter.writeNumber(range.lowerBound, into: &value)
            problem("composite", "'\(formula)' is \(value) whatever the scores, so it cannot rank answers")
            return
        }
        self.range = range
    }
}
