import Foundation

/// Logistic regression without intercept, fitted by Newton's method: the engine of the
/// Bradley–Terry ratings (arena-hard-auto fits the same model with L-BFGS).
///
/// Rows are sparse (a game touches two ratings and a few covariates) and weighted, so a bootstrap
/// resample is a vector of draw counts rather than a copied data set. Outcomes may be fractional
/// (a tie is 0.5). A tiny ridge keeps the fit finite when a system wins or loses every game,
/// where the unpenalized maximum is at infinity.
struct LogisticFit {
    /// One row's non-zero features.
    typealias Row = [(index: Int, value: Double)]

    var width: Int
    var rows: [Row]
    var outcomes: [Double]
    var ridge = 1e-6
    var iterations = 50

    /// Rows longer than `width` are cut to it, so that a malformed row cannot index past the matrix.
    init(dense: [[Double]], outcomes: [Double], width: Int) {
        self.width = width
        rows = dense.map { row in
            row.prefix(width).enumerated().filter { $0.element != 0 }.map { (index: $0.offset, value: $0.element) }
        }
        self.outcomes = outcomes
    }

    /// Coefficients maximizing the weighted likelihood (weights default to 1 per row), starting at `start`.
    func fit(weights: [Int]? = nil, start: [Double]? = nil) -> [Double] {
        var beta = start.flatMap { $0.count == width ? $0 : nil } ?? [Double](repeating: 0, count: width)
        guard width > 0, rows.count == outcomes.count else { return beta }
        for _ in 0..<iterations {
            var gradient = beta.map { -ridge * $0 }
            var hessian = [Double](repeating: 0, count: width * width)
            for i in 0..<width { hessian[i * width + i] = ridge }
            for (number, row) in rows.enumerated() {
                let weight = Double(weights.flatMap { number < $0.count ? $0[number] : 0 } ?? 1)
                if weight == 0 { continue }
                var linear = 0.0
                for entry in row { linear += entry.value * beta[entry.index] }
                let p = 1 / (1 + exp(-linear))
                let curvature = weight * max(p * (1 - p), 1e-12)
                let residual = weight * (outcomes[number] - p)
                for a in row {
                    gradient[a.index] += residual * a.value
                    for b in row { hessian[a.index * width + b.index] += curvature * a.value * b.value }
                }
            }
            guard let step = Self.solve(hessian, gradient, width), step.allSatisfy(\.isFinite) else { break }
            // Damped so that a separable data set walks out slowly instead of overflowing.
            let size = step.map(abs).max() ?? 0
            let scale = size > 5 ? 5 / size : 1
            for i in 0..<width { beta[i] += scale * step[i] }
            if size < 1e-9 { break }
        }
        return beta
    }

    /// Solves `matrix · x = vector` (matrix row-major, `n`×`n`) by Gaussian elimination with partial pivoting.
    static func solve(_ matrix: [Double], _ vector: [Double], _ n: Int) -> [Double]? {
        var a = matrix
        var b = vector
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0 * n + column]) < abs(a[$1 * n + column]) }),
                abs(a[pivot * n + column]) > 1e-300
            else { return nil }
            if pivot != column {
                for k in 0..<n { a.swapAt(column * n + k, pivot * n + k) }
                b.swapAt(column, pivot)
            }
            for row in (column + 1)..<n where a[row * n + column] != 0 {
                let factor = a[row * n + column] / a[column * n + column]
                for k in column..<n { a[row * n + k] -= factor * a[column * n + k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var rest = 0.0
            for k in (row + 1)..<n { rest += a[row * n + k] * x[k] }
            x[row] = (b[row] - rest) / a[row * n + row]
        }
        return x
    }
}
