extension CompositeExpression {
    /// Why a formula cannot be read, and where: `offset` counts characters from 0.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var offset: Int
        public var message: String

        public init(offset: Int, message: String) {
            self.offset = offset
            self.message = message
        }

        /// `at character 12: expected a number, a name or '(', found '*'` (characters count from 1).
        public var description: String { "at character \(offset + 1): \(message)" }
    }

    /// Reads a formula such as `relevance + 2*format_ok - overlong`. Names are letters, digits and
    /// `_`, not starting with a digit; numbers are decimal (`2`, `0.5`).
    public init(parsing text: String) throws(SyntaxError) {
        var parser = CompositeParser(text)
        self = try parser.formula()
    }
}

/// A recursive-descent reader of composite formulas: one function per precedence level.
struct CompositeParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) { characters = Array(text) }

    mutating func formula() throws(CompositeExpression.SyntaxError) -> CompositeExpression {
        skipSpaces()
        guard position < characters.count else { throw failure("the formula is empty") }
        let expression = try sum()
        guard let extra = peek() else { return expression }
        throw failure("expected an operator (+ - * /) or the end, found \(Self.shown(extra))")
    }

    private mutating func sum() throws(CompositeExpression.SyntaxError) -> CompositeExpression {
        var left = try product()
        while let operator_ = next(among: [.add, .subtract]) { left = .binary(operator_, left, try product()) }
        return left
    }

    private mutating func product() throws(CompositeExpression.SyntaxError) -> CompositeExpression {
        var left = try unary()
        while let operator_ = next(among: [.multiply, .divide]) { left = .binary(operator_, left, try unary()) }
        return left
    }

    private mutating func unary() throws(CompositeExpression.SyntaxError) -> CompositeExpression {
        if peek() == "-" {
            position += 1
            return .negate(try unary())
        }
        return try primary()
    }

    private mutating func primary() throws(CompositeExpression.SyntaxError) -> CompositeExpression {
        guard let first = peek() else { throw failure("expected a number, a name or '(', found the end") }
        let start = position
        if first == "(" {
            position += 1
            let inner = try sum()
            guard peek() == ")" else {
                let found = peek().map(Self.shown) ?? "the end"
                throw failure("expected ')' to close the '(' at character \(start + 1), found \(found)")
            }
            position += 1
            return inner
        }
        if Self.isDigit(first) || first == "." {
            let text = take { Self.isDigit($0) || $0 == "." }
            guard let value = Double(text) else { throw CompositeExpression.SyntaxError(offset: start, message: "'\(text)' is not a number") }
            return .number(value)
        }
        if first.isLetter || first == "_" { return .name(take { $0.isLetter || $0 == "_" || Self.isDigit($0) }) }
        throw failure("expected a number, a name or '(', found \(Self.shown(first))")
    }

    /// The next character that is not a space, without consuming it.
    private mutating func peek() -> Character? {
        skipSpaces()
        return position < characters.count ? characters[position] : nil
    }

    private mutating func next(among operators: [CompositeExpression.Operator]) -> CompositeExpression.Operator? {
        guard let character = peek(), let found = operators.first(where: { $0.rawValue == character }) else { return nil }
        position += 1
        return found
    }

    private mutating func take(while belongs: (Character) -> Bool) -> String {
        let start = position
        while position < characters.count, belongs(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    private func failure(_ message: String) -> CompositeExpression.SyntaxError {
        CompositeExpression.SyntaxError(offset: position, message: message)
    }

    private static func shown(_ character: Character) -> String { "'\(character)'" }

    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
}
