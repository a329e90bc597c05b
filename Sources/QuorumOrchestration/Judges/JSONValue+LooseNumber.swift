import Foundation
import QuorumCore

extension JSONValue {
    /// A number, or a string holding one (`"0.8"`, `"7/10"` reads as 7).
    var looseNumber: Double? {
        switch self {
        case .number(let value): return value
        case .string(let text):
            let head = text.split(separator: "/").first.map(String.init) ?? text
            return Double(head.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }
}
