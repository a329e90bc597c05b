import QuorumCore

extension PriceTable {
    /// The price `vendor` lists for `model` (looked up like `price(for:)` but only among that vendor's
    /// rows), or `nil`: `provider: auto` compares vendors by it.
    public func price(for model: String, vendor: String) -> Price? {
        let rows = entries.filter { $0.vendor == vendor }
        for candidate in Self.candidates(for: model) {
            if let row = rows.first(where: { $0.model == candidate }) { return row.price }
        }
        return nil
    }
}
