import Foundation

/// Reads how far a llama.cpp build has got from the end of its log: ninja prints `[123/456]`, make
/// prints `[ 45%]`.
enum BuildProgress {
    /// The last progress mark in the last 8 KiB of `log` written after byte `offset` (where this
    /// build's command began): steps done and total, or a percentage as n/100.
    static func latest(in log: URL, after offset: UInt64 = 0) -> (done: Int64, total: Int64, isPercent: Bool)? {
        guard let handle = try? FileHandle(forReadingFrom: log) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: max(offset, size > 8192 ? size - 8192 : 0))
        guard let data = try? handle.readToEnd() else { return nil }
        return latest(inText: String(decoding: data, as: UTF8.self))
    }

    static func latest(inText text: String) -> (done: Int64, total: Int64, isPercent: Bool)? {
        // pip -v indents its build's output.
        for line in text.split(whereSeparator: \.isNewline).reversed().map({ $0.drop { $0 == " " } }) {
            guard line.first == "[", let close = line.firstIndex(of: "]") else { continue }
            let inside = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
            if inside.hasSuffix("%"), let percent = Int64(inside.dropLast()) { return (percent, 100, true) }
            let numbers = inside.split(separator: "/")
            if numbers.count == 2, let done = Int64(numbers[0]), let total = Int64(numbers[1]), total > 0 {
                return (done, total, false)
            }
        }
        return nil
    }
}
