import Foundation

/// Escaping and small formatting helpers for the HTML report (and `quorum view`'s pages).
package enum HTMLText {
    /// A whole self-contained page: `title` and `footer` are escaped by the caller, `body` is HTML.
    package static func document(title: String, style: String, body: String, footer: String, script: String? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <style>\(style)</style>
        </head>
        <body>
        <main>
        \(body)
        <footer>\(footer)</footer>
        </main>
        \(script.map { "<script>\($0)</script>" } ?? "")
        </body>
        </html>
        """
    }

    /// `text` safe inside an element or a quoted attribute.
    package static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// An id usable in `id=` and `#fragment` for any item id.
    package static func anchor(_ prefix: String, _ id: String) -> String {
        prefix + "-" + id.unicodeScalars.map { scalar in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" ? String(scalar) : "_\(scalar.value)_"
        }.joined()
    }

    package static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(digits)f%%", value * 100)
    }

    /// A number for SVG coordinates (no locale, two decimals).
    package static func number(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// A linear map from data values to SVG coordinates, with round tick values.
package struct SVGScale {
    var domain: ClosedRange<Double>
    /// Where the domain's lower and upper bounds land; `end` may be below `start` (SVG's y grows downwards).
    var start: Double
    var end: Double

    package init(domain: ClosedRange<Double>, from start: Double, to end: Double) {
        let span = domain.upperBound - domain.lowerBound
        self.domain = span > 0 ? domain : (domain.lowerBound - 0.5)...(domain.upperBound + 0.5)
        self.start = start
        self.end = end
    }

    package func callAsFunction(_ value: Double) -> Double {
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return start + fraction * (end - start)
    }

    /// About `count` round values inside the domain.
    package func ticks(_ count: Int = 5) -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        let raw = span / Double(max(1, count))
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var value = ceil(domain.lowerBound / step) * step
        var result: [Double] = []
        while value <= domain.upperBound + step * 1e-9 {
            result.append(value)
            value += step
        }
        return result
    }
}
