import Foundation

/// A model's size in parameters, as people write it (`1.5B`, `135M`, `7b`) and as model ids carry
/// it (`qwen2.5-coder-1.5b`, `llama-3.1-8b-instruct`).
public enum ParameterCount {
    /// `"1.5B"` → 1.5e9; `nil` when the text is not a number followed by K, M, B or T.
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard let unit = trimmed.last, let scale = scales[unit], let value = Double(trimmed.dropLast()), value > 0
        else { return nil }
        return value * scale
    }

    /// The size a model id states as one of its `-`/`_`/`:`-separated parts (`…-1.5b`, `…:7b`); the
    /// largest when several parts look like sizes, `nil` when none does.
    public static func inferred(fromModelID id: String) -> Double? {
        id.split(whereSeparator: { "-_:/ ".contains($0) })
            .compactMap { part -> Double? in
                guard part.count >= 2, part.first?.isNumber == true, "bBmM".contains(part.last!) else { return nil }
                return parse(String(part))
            }
            .max()
    }

    /// `1.5e9` → `"1.5B"`.
    public static func describe(_ count: Double) -> String {
        for (unit, scale) in [("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)] where count >= scale {
            let value = count / scale
            return (value.rounded() == value ? String(Int(value)) : String(format: "%.3g", value)) + unit
        }
        return String(Int(count))
    }

    private static let scales: [Character: Double] = ["K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12]
}

extension ModelConfig {
    /// `params` when given, else the size its id states.
    public var parameterCount: Double? { params.flatMap(ParameterCount.parse) ?? ParameterCount.inferred(fromModelID: model) }
}
