import Foundation
import NIOHTTP1

/// Reads how long a vendor asked us to wait from a response's headers.
enum RetryAfter {
    /// Seconds to wait, from `retry-after-ms`, `Retry-After` (seconds or an HTTP date) or the
    /// longest of OpenAI's `x-ratelimit-reset-requests` / `-tokens` (`"1s"`, `"6m0s"`, `"20ms"`);
    /// `nil` when none is present or readable.
    static func seconds(in headers: HTTPHeaders, now: Date = Date()) -> Double? {
        if let millis = headers.first(name: "retry-after-ms").flatMap(Double.init) { return millis / 1000 }
        if let value = headers.first(name: "retry-after") {
            if let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
            if let date = httpDate(value) { return max(0, date.timeIntervalSince(now)) }
        }
        let resets = ["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"]
            .compactMap { headers.first(name: $0) }
            .compactMap(goDuration)
        return resets.max()
    }

    /// Parses an IMF-fixdate such as `Wed, 21 Oct 2015 07:28:00 GMT`.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    /// Parses a Go-style duration (`1s`, `6m0s`, `2m59.56s`, `20ms`, `1h2m`) or a bare number of seconds.
    static func goDuration(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed) { return plain }
        var total = 0.0
        var number = ""
        var scanner = trimmed.makeIterator()
        var pending: Character? = scanner.next()
        guard pending != nil else { return nil }
        while let character = pending {
            pending = scanner.next()
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            number = ""
            switch character {
            case "h": total += value * 3600
            case "m" where pending == "s":
                pending = scanner.next()
                total += value / 1000
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
        }
        return number.isEmpty ? total : nil
    }
}
