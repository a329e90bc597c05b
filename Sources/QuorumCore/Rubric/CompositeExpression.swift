/// A rubric's composite formula (`relevance + actionability + tone + 2*format_ok - overlong`):
/// numbers, criterion and flag names, `+ - * /`, parentheses and unary minus, with `*` and `/`
/// binding tighter than `+` and `-`, and each level read left to right.
///
/// Kept as a tree, not as text, so an LLM judge and a person's judging file combine the same
/// scores into the same composite.
public indirect enum CompositeExpression: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    /// A criterion's score, or a flag as 1 (true) or 0 (false).
    case name(String)
    case negate(CompositeExpression)
    case binary(Operator, CompositeExpression, CompositeExpression)

    public enum Operator: Character, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        /// Higher binds tighter.
        var precedence: Int { self == .add || self == .subtract ? 1 : 2 }
    }

    /// `a + b + c`: the composite of a rubric that gives no formula.
    public static func sum(of names: [String]) -> CompositeExpression {
        guard let first = names.first else { return .number(0) }
        return names.dropFirst().reduce(.name(first)) { .binary(.add, $0, .name($1)) }
    }

    /// Every name the formula uses, in order of first appearance, each once.
    public var names: [String] {
        var seen: Set<String> = []
        return occurrences.filter { seen.insert($0).inserted }
    }

    /// Every use of a name, repeats included.
    var occurrences: [String] {
        switch self {
        case .number: []
        case .name(let name): [name]
        case .negate(let operand): operand.occurrences
        case .binary(_, let left, let right): left.occurrences + right.occurrences
        }
    }

    /// The formula's value with each name's value taken from `values` (a name missing there counts
    /// as 0: an unset flag is false). Division by zero gives an infinite or NaN result, which
    /// `Rubric` rules out at load by checking the formula's range.
    public func evaluate(_ values: [String: Double]) -> Double {
        switch self {
        case .number(let value): value
        case .name(let name): values[name] ?? 0
        case .negate(let operand): -operand.evaluate(values)
        case .binary(let operator_, let left, let right):
            operator_.apply(left.evaluate(values), right.evaluate(values))
        }
    }

    /// The formula written back with the fewest parentheses that keep its meaning.
    public var description: String { text(within: 0, asRight: false) }

    private func text(within precedence: Int, asRight: Bool) -> String {
        switch self {
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .name(let name): return name
        case .negate(let operand): return "-" + operand.text(within: 3, asRight: false)
        case .binary(let operator_, let left, let right):
            let inner = operator_.precedence
            let body = "\(left.text(within: inner, asRight: false)) \(operator_.rawValue) \(right.text(within: inner, asRight: true))"
            // A right operand of the same precedence needs parentheses: a - (b - c) ≠ a - b - c.
            return inner < precedence || (inner == precedence && asRight) ? "(\(body))" : body
        }
    }
}

extension CompositeExpression.Operator {
    func apply(_ left: Double, _ right: Double) -> Double {
        switch self {
        case .add: left + right
        case .subtract: left - right
        case .multiply: left * right
        case .divide: left / right
        }
    }
}
