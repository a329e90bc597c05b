import ArgumentParser
import Foundation
import QuorumCore
import QuorumProviders

/// `quorum models prices`: the built-in price table.
struct ModelsPrices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Print the built-in price table (USD per 1M tokens) used when a model's config gives no price.",
        discussion: "Any model can override these with `price: {input: …, output: …, cached_input: …}` in the config."
    )

    @Option(help: "Only models whose id contains this text.")
    var filter: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() async throws {
        let table = PriceTable.builtIn
        let entries = table.entries.filter { filter.map($0.model.contains) ?? true }
        if json {
            struct Output: Encodable {
                var asOf: String
                var unit: String
                var models: [PriceTable.Entry]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Output(asOf: table.asOf, unit: "USD per 1M tokens", models: entries))
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("Built-in prices as of \(table.asOf), USD per 1M tokens (override with `price:` in the config)")
        let rows = entries.map { entry in
            [entry.vendor, entry.model, dollars(entry.price.input), dollars(entry.price.output),
             entry.price.cachedInput.map(dollars) ?? "-", entry.contextWindow.map(String.init) ?? "-"]
        }
        printTable(header: ["vendor", "model", "input", "output", "cached input", "context"], rows: rows)
    }

    /// The exact price with at least two decimals (`10.00`, `0.075`): never rounded.
    private func dollars(_ amount: USD) -> String {
        let text = amount.exactString
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals < 2 ? text + "0" : text
    }

    private func printTable(header: [String], rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                // Text columns left-aligned, prices right-aligned so decimals line up.
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        print(line(header))
        print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        rows.forEach { print(line($0)) }
    }
}
