import Foundation

/// A length of time written in YAML as `60s`, `500ms`, `2m`, `1h` or a bare number of seconds.
public struct ConfigDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public var seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    /// Parses `"60s"`, `"500ms"`, `"2m"`, `"1h"` or `"30"`; `nil` for anything else.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count)), value >= 0 else { return nil }
            self.seconds = value * scale
            return
        }
        guard let value = Double(trimmed), value >= 0 else { return nil }
        self.seconds = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self.seconds = number
        } else {
            let text = try container.decode(String.self)
            guard let parsed = ConfigDuration(text: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected a duration like 60s, 500ms or 2m, found '\(text)'")
            }
            self = parsed
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("\(seconds)s")
    }

    public var description: String { "\(seconds)s" }
}
