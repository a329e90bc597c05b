import QuorumCore

extension FieldMapping {
    /// The fields `--map` may set, as `dataset.fields` names them.
    public static let mappableFields = ["id", "prompt", "messages", "reference", "tags", "category", "system"]

    /// Parses `prompt=question,reference=answer` (Quorum field = the file's field). Throws
    /// `.invalidRequest` naming a pair that is malformed or a field Quorum does not know.
    public init(pairs text: String) throws {
        self.init()
        for pair in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw QuorumError(.invalidRequest, "--map: '\(pair)' is not FIELD=COLUMN (e.g. prompt=question,reference=answer)")
            }
            switch parts[0] {
            case "id": id = parts[1]
            case "prompt": prompt = parts[1]
            case "messages": messages = parts[1]
            case "reference": reference = parts[1]
            case "tags": tags = parts[1]
            case "category": category = parts[1]
            case "system": system = parts[1]
            default:
                throw QuorumError(.invalidRequest, "--map: unknown field '\(parts[0])'"
                    + DidYouMean.hint(for: parts[0], among: Self.mappableFields)
                    + "; known: \(Self.mappableFields.joined(separator: ", "))")
            }
        }
    }
}
