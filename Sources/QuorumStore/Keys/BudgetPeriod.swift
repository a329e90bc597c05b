import Foundation

/// How long a key's budget lasts before it starts again: a UTC day, a UTC calendar month, or forever.
///
/// Spend is kept per window (`2026-12-07`, `2026-12`, `total`), so a new period needs no reset: its
/// first request opens a new window and the old one stays as history.
public enum BudgetPeriod: String, Sendable, Hashable, Codable, CaseIterable {
    case day, month, total

    /// The window `date` falls in.
    public func window(containing date: Date) -> String {
        guard self != .total else { return "total" }
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0
        let month = parts.month ?? 0
        let yearMonth = "\(year)-\(month < 10 ? "0" : "")\(month)"
        guard self == .day else { return yearMonth }
        let day = parts.day ?? 0
        return "\(yearMonth)-\(day < 10 ? "0" : "")\(day)"
    }

    /// How a sentence names the current window: `today`, `this month`, `in total`.
    public var phrase: String {
        switch self {
        case .day: "today"
        case .month: "this month"
        case .total: "in total"
        }
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
