import QuorumCore

/// One item to answer: the conversation so far, and what a correct answer looks like if known.
public struct Question: Sendable, Hashable, Codable {
    public var id: String
    /// The conversation; the last message is the user's turn to answer.
    public var messages: [ChatMessage]
    /// The reference answer, when the dataset has one.
    public var reference: String?
    public var category: String?
    public var tags: [String]
    /// The item's own prompt when this question is a rewritten one handed to a nested system
    /// (a refinement, a critique); `nil` for the item as asked. Judges read `originalPrompt`.
    public var rootPrompt: String?

    public init(
        id: String, messages: [ChatMessage], reference: String? = nil, category: String? = nil, tags: [String] = []
    ) {
        self.id = id
        self.messages = messages
        self.reference = reference
        self.category = category
        self.tags = tags
    }

    /// A one-turn question.
    public init(id: String, prompt: String, reference: String? = nil) {
        self.init(id: id, messages: [.user(prompt)], reference: reference)
    }

    /// The text of the last user message: what prompts call `{question}`.
    public var prompt: String {
        messages.last(where: { $0.role == .user })?.content ?? ""
    }

    /// The item's original prompt, however deep in nested systems this question was rewritten:
    /// what a judge's `{question}` is.
    public var originalPrompt: String { rootPrompt ?? prompt }
}
