import QuorumCore

/// JSON for files people read and edit: keys in the order given (what to read first comes
/// first), two-space indents, short lists of plain values on one line, `null` written out so an
/// empty field is visible.
indirect enum PrettyJSON {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PrettyJSON])
    case object([(key: String, value: PrettyJSON)])

    /// `value`, or `null`.
    static func optional(_ value: String?) -> PrettyJSON { value.map(PrettyJSON.string) ?? .null }

    var text: String {
        var output = ""
        write(into: &output, indent: "")
        return output + "\n"
    }

    private var isPlain: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func write(into output: inout String, indent: String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): JSONWriter.writeNumber(value, into: &output)
        case .string(let value): JSONWriter.writeString(value, into: &output)
        case .array(let items) where items.isEmpty: output += "[]"
        case .array(let items) where items.count <= 8 && items.allSatisfy(\.isPlain):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                item.write(into: &output, indent: indent)
            }
            output += "]"
        case .array(let items):
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent + "  "
                item.write(into: &output, indent: indent + "  ")
                output += index < items.count - 1 ? ",\n" : "\n"
            }
            output += indent + "]"
        case .object(let members) where members.isEmpty: output += "{}"
        case .object(let members):
            output += "{\n"
            for (index, member) in members.enumerated() {
                output += indent + "  "
                JSONWriter.writeString(member.key, into: &output)
                output += ": "
                member.value.write(into: &output, indent: indent + "  ")
                output += index < members.count - 1 ? ",\n" : "\n"
            }
            output += indent + "}"
        }
    }
}
