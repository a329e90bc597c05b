import QuorumEvaluation

/// Form fields the pages share.
enum ViewForm {
    /// A `<select>` of `values`, `chosen` selected; `any` is the label of an empty first option.
    static func select(_ name: String, _ values: [String], chosen: String?, any: String?) -> String {
        var options = any.map { ["<option value=\"\">\(HTMLText.escape($0))</option>"] } ?? []
        options += values.map { value -> String in
            "<option value=\"\(HTMLText.escape(value))\"\(value == chosen ? " selected" : "")>\(HTMLText.escape(value))</option>"
        }
        return "<select name=\"\(name)\" aria-label=\"\(name)\">\(options.joined())</select>"
    }
}
