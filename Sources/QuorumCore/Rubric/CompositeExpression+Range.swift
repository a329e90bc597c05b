extension CompositeExpression {
    /// Combinations of integer values the range search may visit before it settles for interval
    /// bounds: a million evaluations of a small tree take well under a second.
    static let enumerationLimit = 1_000_000

    /// The least and greatest value the formula takes when each name takes every integer in its
    /// domain (a flag's is `0...1`); `nil` when some combination divides by zero.
    ///
    /// Exact: by interval arithmetic when every name is used once (then the bounds are reached at
    /// the domains' ends), else by trying every combination. Past `enumerationLimit` combinations
    /// of a formula that repeats a name, the interval bounds are returned: they contain the range
    /// but may be wider.
    public func range(over domains: [String: ClosedRange<Int>]) -> ClosedRange<Double>? {
        let repeats = occurrences.count != names.count
        let combinations = names.reduce(1.0) { $0 * Double(domains[$1]?.count ?? 1) }
        guard repeats, combinations <= Double(Self.enumerationLimit) else {
            return interval(over: domains.mapValues { Double($0.lowerBound)...Double($0.upperBound) })
        }
        return enumeratedRange(over: domains)
    }

    /// Interval arithmetic; a name without a domain is 0.
    func interval(over domains: [String: ClosedRange<Double>]) -> ClosedRange<Double>? {
        switch self {
        case .number(let value): return value...value
        case .name(let name): return domains[name] ?? 0...0
        case .negate(let operand):
            guard let inner = operand.interval(over: domains) else { return nil }
            return -inner.upperBound...(-inner.lowerBound)
        case .binary(let operator_, let left, let right):
            guard let a = left.interval(over: domains), let b = right.interval(over: domains) else { return nil }
            switch operator_ {
            case .add: return (a.lowerBound + b.lowerBound)...(a.upperBound + b.upperBound)
            case .subtract: return (a.lowerBound - b.upperBound)...(a.upperBound - b.lowerBound)
            case .multiply: return Self.bounds(of: a, b, by: *)
            case .divide:
                guard !b.contains(0) else { return nil }
                return Self.bounds(of: a, b, by: /)
            }
        }
    }

    private static func bounds(
        of a: ClosedRange<Double>, _ b: ClosedRange<Double>, by operation: (Double, Double) -> Double
    ) -> ClosedRange<Double>? {
        let corners = [a.lowerBound, a.upperBound].flatMap { x in [b.lowerBound, b.upperBound].map { operation(x, $0) } }
        guard let low = corners.min(), let high = corners.max(), low.isFinite, high.isFinite else { return nil }
        return low...high
    }

    /// Every combination of the names' integer values, counted like an odometer.
    private func enumeratedRange(over domains: [String: ClosedRange<Int>]) -> ClosedRange<Double>? {
        let names = self.names
        let spans = names.map { domains[$0] ?? 0...0 }
        var digits = spans.map(\.lowerBound)
        var low = Double.infinity, high = -Double.infinity
        while true {
            let value = evaluate(Dictionary(uniqueKeysWithValues: zip(names, digits.map(Double.init))))
            guard value.isFinite else { return nil }
            low = min(low, value)
            high = max(high, value)
            var index = 0
            while index < digits.count, digits[index] == spans[index].upperBound {
                digits[index] = spans[index].lowerBound
                index += 1
            }
            guard index < digits.count else { return low...high }
            digits[index] += 1
        }
    }
}
