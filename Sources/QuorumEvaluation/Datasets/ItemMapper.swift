import Foundation
import QuorumCore
import QuorumOrchestration

/// Turns source records into items through the config's field mapping, with sensible defaults
/// for the common field names (`id`/`uid`/`question_id`/`task_id`, `prompt`/`question`/`turns`, …).
struct ItemMapper: Sendable {
    var mapping: FieldMapping
    var file: String

    static let idKeys = ["id", "uid", "question_id", "task_id"]
    static let promptKeys = ["prompt", "question", "input", "turns"]
    static let referenceKeys = ["reference", "answer", "expected", "target"]

    /// The item, or the reason the record cannot become one.
    func item(from record: SourceRecord) -> Result<DatasetItem, DatasetProblem> {
        func problem(_ reason: String) -> Result<DatasetItem, DatasetProblem> {
            .failure(DatasetProblem(file: file, line: record.line, reason: reason))
        }
        let idKey = mapping.id ?? Self.idKeys.first { record.fields[$0] != nil }
        let id: String
        if let idKey {
            guard let text = record.text(idKey), !text.isEmpty else { return problem("field '\(idKey)' is not an id") }
            id = text
        } else {
            id = String(record.line)
        }
        var messages: [ChatMessage] = []
        if let systemKey = mapping.system ?? (record.fields["system"] != nil ? "system" : nil) {
            guard let system = record.text(systemKey) else { return problem("field '\(systemKey)' is not text") }
            messages.append(.system(system))
        }
        var followUps: [String] = []
        switch turns(in: record) {
        case .success(let turns):
            messages += turns.messages
            followUps = turns.followUps
        case .failure(let reason):
            return problem(reason.message)
        }
        let references = references(in: record)
        let category = record.text(mapping.category ?? "category")
        let question = Question(
            id: id, messages: messages, reference: references.first ?? nil, category: category,
            tags: tags(in: record))
        return .success(DatasetItem(
            question: question, followUps: followUps, references: references, location: "\(file):\(record.line)"))
    }

    private struct Turns {
        var messages: [ChatMessage]
        var followUps: [String]
    }

    private struct Reason: Error {
        var message: String
    }

    private func turns(in record: SourceRecord) -> Result<Turns, Reason> {
        if let key = mapping.messages ?? (mapping.prompt == nil && record.fields["messages"] != nil ? "messages" : nil) {
            return conversation(record.fields[key], key: key)
        }
        guard let key = mapping.prompt ?? Self.promptKeys.first(where: { record.fields[$0] != nil }) else {
            return .failure(Reason(message: "no prompt or messages field (map one with fields.prompt or fields.messages)"))
        }
        switch record.fields[key] {
        case .array(let values):
            let texts = values.compactMap(\.scalarText)
            guard texts.count == values.count, let first = texts.first else {
                return .failure(Reason(message: "field '\(key)' must be text or a list of texts"))
            }
            return .success(Turns(messages: [.user(first)], followUps: Array(texts.dropFirst())))
        case let value?:
            guard let text = value.scalarText, !text.isEmpty else {
                return .failure(Reason(message: "field '\(key)' is empty or not text"))
            }
            return .success(Turns(messages: [.user(text)], followUps: []))
        case nil:
            return .failure(Reason(message: "missing field '\(key)'"))
        }
    }

    private func conversation(_ value: JSONValue?, key: String) -> Result<Turns, Reason> {
        guard case .array(let entries)? = value, !entries.isEmpty else {
            return .failure(Reason(message: "field '\(key)' must be a non-empty list of {role, content}"))
        }
        var messages: [ChatMessage] = []
        for (index, entry) in entries.enumerated() {
            guard case .object(let fields) = entry, let roleText = fields["role"]?.stringValue,
                let role = ChatMessage.Role(rawValue: roleText), let content = fields["content"]?.scalarText
            else {
                return .failure(Reason(message: "message \(index + 1) of '\(key)' needs a role (system, user, assistant) and content"))
            }
            messages.append(ChatMessage(role: role, content: content))
        }
        guard messages.last?.role == .user else {
            return .failure(Reason(message: "the last message of '\(key)' must be the user's"))
        }
        return .success(Turns(messages: messages, followUps: []))
    }

    private func references(in record: SourceRecord) -> [String?] {
        guard let key = mapping.reference ?? Self.referenceKeys.first(where: { record.fields[$0] != nil }) else {
            return [nil]
        }
        if case .array(let values)? = record.fields[key] { return values.map(\.scalarText) }
        return [record.text(key)]
    }

    private func tags(in record: SourceRecord) -> [String] {
        switch record.fields[mapping.tags ?? "tags"] {
        case .array(let values)?: values.compactMap(\.scalarText)
        case let value?:
            (value.scalarText ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        case nil: []
        }
    }
}
