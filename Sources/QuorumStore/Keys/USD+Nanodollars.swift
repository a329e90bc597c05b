import Foundation
import QuorumCore

/// Key budgets are kept in whole nanodollars (10⁻⁹ USD), so that the database can add and
/// compare them exactly inside one statement (SQLite has no exact decimal type).
extension USD {
    /// This amount in nanodollars, rounded up: a cost is never counted as less than it was.
    var nanodollars: Int64 {
        var scaled = amount * Decimal(sign: .plus, exponent: 9, significand: 1)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .up)
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    init(nanodollars: Int64) {
        self.init(Decimal(sign: nanodollars < 0 ? .minus : .plus, exponent: -9, significand: Decimal(nanodollars.magnitude)))
    }
}
