import Testing
@testable import QuorumCore

@Suite("Composite expressions")
struct CompositeExpressionTests {
    @Test("numbers, names, operators, parentheses and unary minus follow the usual precedence", arguments: [
        ("1 + 2 * 3", 7.0), ("(1 + 2) * 3", 9), ("2 - 3 - 4", -5), ("8 / 4 / 2", 1), ("-2 * -3", 6), ("- (1 + 2)", -3),
        ("relevance + 2*format_ok - overlong", 6), ("0.5 * tone", 2), ("tone/relevance", 0.8), ("--tone", 4),
    ])
    func evaluates(text: String, expected: Double) throws {
        let expression = try CompositeExpression(parsing: text)
        #expect(expression.evaluate(["relevance": 5, "format_ok": 1, "overlong": 1, "tone": 4]) == expected)
    }

    @Test("written back, a formula reads as the same tree", arguments: [
        "a + b * c", "(a + b) * c", "a - (b - c)", "a - b - c", "a / (b * c)", "-(a + b)", "-a * 2", "2 * -a",
    ])
    func writesBack(text: String) throws {
        let expression = try CompositeExpression(parsing: text)
        #expect(try CompositeExpression(parsing: expression.description) == expression)
    }

    @Test("a formula that cannot be read says where and what was expected", arguments: [
        ("", 0, "the formula is empty"),
        ("  ", 2, "the formula is empty"),
        ("a +", 3, "expected a number, a name or '(', found the end"),
        ("a + * b", 4, "expected a number, a name or '(', found '*'"),
        ("(a + b", 6, "expected ')' to close the '(' at character 1, found the end"),
        ("a b", 2, "expected an operator (+ - * /) or the end, found 'b'"),
        ("1.2.3 + a", 0, "'1.2.3' is not a number"),
        ("a $ b", 2, "expected an operator (+ - * /) or the end, found '$'"),
    ])
    func syntaxErrors(text: String, offset: Int, message: String) {
        #expect(throws: CompositeExpression.SyntaxError(offset: offset, message: message)) {
            try CompositeExpression(parsing: text)
        }
    }

    @Test("names are listed once, in order of first use")
    func names() throws {
        #expect(try CompositeExpression(parsing: "b * a + b - c_2").names == ["b", "a", "c_2"])
        #expect(CompositeExpression.sum(of: ["x", "y", "z"]).description == "x + y + z")
    }

    static let domains: [String: ClosedRange<Int>] = ["relevance": 1...5, "tone": 1...5, "format_ok": 0...1, "overlong": 0...1]

    @Test("the range is exact: interval bounds when each name is used once, every combination otherwise", arguments: [
        ("relevance + tone + 2*format_ok - overlong", 1.0...12.0),
        ("relevance - relevance", 0...0),
        // Interval arithmetic alone would say 1…25; the scores only reach 5…9.
        ("relevance * (6 - relevance)", 5...9),
        ("tone / relevance", 0.2...5),
        ("-relevance", -5 ... -1),
    ])
    func range(text: String, expected: ClosedRange<Double>) throws {
        #expect(try CompositeExpression(parsing: text).range(over: Self.domains) == expected)
    }

    @Test("a formula that can divide by zero has no range")
    func divisionByZero() throws {
        #expect(try CompositeExpression(parsing: "tone / (relevance - 3)").range(over: Self.domains) == nil)
        #expect(try CompositeExpression(parsing: "tone / (relevance - relevance)").range(over: Self.domains) == nil)
    }
}
