/// A judge's grade on one rubric criterion, as CoEval writes it.
///
/// CoEval's judges answer `High`, `Medium` or `Low` per criterion; analyses use `value`
/// (1, 0.5, 0) so grades average and correlate like numbers.
public enum CoEvalGrade: String, Sendable, Hashable, Codable, CaseIterable {
    case high = "High"
    case medium = "Medium"
    case low = "Low"

    /// The grade on a 0…1 scale.
    public var value: Double {
        switch self {
        case .high: 1
        case .medium: 0.5
        case .low: 0
        }
    }
}
