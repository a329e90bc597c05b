import QuorumCore

/// Compares two answers with Arena-Hard's labels `[[A>>B]] [[A>B]] [[A=B]] [[B>A]] [[B>>A]]`,
/// judged twice with the positions swapped and combined into one outcome per pair.
public struct PairwiseJudge: Sendable {
    /// One game's verdict, from the point of view of the answer shown as A.
    public enum Label: String, Sendable, Hashable, Codable, CaseIterable {
        case muchBetterA = "A>>B", betterA = "A>B", tie = "A=B", betterB = "B>A", muchBetterB = "B>>A"

        /// +2 … −2: how much A is preferred.
        public var preference: Int {
            switch self {
            case .muchBetterA: 2
            case .betterA: 1
            case .tie: 0
            case .betterB: -1
            case .muchBetterB: -2
            }
        }

        /// The label read from B's side (what the verdict says after swapping positions back).
        public var swapped: Label {
            switch self {
            case .muchBetterA: .muchBetterB
            case .betterA: .betterB
            case .tie: .tie
            case .betterB: .betterA
            case .muchBetterB: .muchBetterA
            }
        }
    }

    /// Which answer a comparison favours.
    public enum Winner: String, Sendable, Hashable, Codable {
        case first, second, tie
    }

    /// The combined outcome of both games for one pair.
    public struct Comparison: Sendable, Hashable {
        /// Game 1 (first shown as A) and game 2 (second shown as A), both read from the first answer's side.
        public var labels: [Label?]
        public var winner: Winner
        /// −1…1: how strongly the first answer is preferred (mean of the readable games' preference / 2).
        public var preference: Double
        /// False when the two games favour different answers.
        public var isConsistent: Bool
        public var calls: [CallRecord]
        /// The `.verdict` trace node for this comparison.
        public var node: TraceNode
    }

    public var name: String
    public var model: String
    /// A template used verbatim (placeholders `{question}`, `{answer_a}`, `{answer_b}`, `{reference}`).
    public var prompt: String?
    public var prompts: PromptSet
    public var parameters: GenerationParameters
    /// Judge a second time with positions swapped (default true).
    public var swap: Bool

    public init(
        name: String, model: String, prompt: String? = nil, prompts: PromptSet = PromptSet(),
        parameters: GenerationParameters? = nil, swap: Bool = true
    ) {
        self.name = name
        self.model = model
        self.prompt = prompt
        self.prompts = prompts
        self.parameters = .judgeDefaults(parameters)
        self.swap = swap
    }

    /// The label in a judgement, with Arena-Hard's rule: the `[[…]]` pattern, else `[…]`; several
    /// different labels make it unreadable. `A<B` style labels are read as their mirror image.
    public static func label(in text: String) -> Label? {
        for pattern in Patterns.pairwiseLabels {
            let found = Set(allCaptures(pattern, in: text).compactMap(normalizedLabel))
            if found.count == 1 { return found.first }
            if found.count > 1 { return nil }
        }
        return nil
    }

    static func normalizedLabel(_ raw: String) -> Label? {
        if let label = Label(rawValue: raw) { return label }
        let mirrored: [String: Label] = ["B<A": .betterA, "B<<A": .muchBetterA, "B=A": .tie, "A<B": .betterB, "A<<B": .muchBetterB]
        return mirrored[raw]
    }

    /// Compares `first` and `second` as answers to `question`.
    public func compare(
        _ first: String, _ second: String, for question: Question, in context: RunContext
    ) async throws -> Comparison {
        async let forward = game(a: first, b: second, question: question, key: "pairwise.\(name).ab", context)
        let backward = swap ? try await game(a: second, b: first, question: question, key: "pairwise.\(name).ba", context) : nil
        let (labelAB, callAB) = try await forward
        var labels: [Label?] = [labelAB]
        var calls = [callAB]
        if let (labelBA, callBA) = backward {
            labels.append(labelBA?.swapped)
            calls.append(callBA)
        }
        return combine(labels, calls: calls)
    }

    func combine(_ labels: [Label?], calls: [CallRecord]) -> Comparison {
        let readable = labels.compactMap { $0 }
        let total = readable.map(\.preference).reduce(0, +)
        let winner: Winner = total > 0 ? .first : total < 0 ? .second : .tie
        let consistent = !(readable.contains { $0.preference > 0 } && readable.contains { $0.preference < 0 })
        let preference = readable.isEmpty ? 0 : Double(total) / Double(readable.count) / 2
        let shown = labels.map { $0?.rawValue ?? "?" }.joined(separator: " / ")
        let record = VerdictRecord(
            judge: name, score: (preference + 1) / 2, passed: winner == .first, label: shown,
            parseError: readable.count < labels.count ? "\(labels.count - readable.count) game(s) had no verdict label" : nil)
        let node = TraceNode(
            kind: .verdict, label: name, verdict: record,
            note: "\(winner.rawValue)\(consistent ? "" : " (inconsistent)")",
            children: calls.map { TraceNode(kind: .call, label: $0.model, call: $0) })
        return Comparison(
            labels: labels, winner: winner, preference: preference, isConsistent: consistent, calls: calls, node: node)
    }

    func game(a: String, b: String, question: Question, key: String, _ context: RunContext) async throws -> (Label?, CallRecord) {
        let reference = question.reference ?? ""
        let values = [
            "question": question.originalPrompt, "answer_a": a, "answer_b": b, "reference": reference,
            "reference_section": reference.isEmpty ? "" : "\n\nA reference answer is known to be correct:\n\(reference)",
        ]
        let text = PromptTemplate.fill(prompt ?? prompts.template("judge.pairwise"), values)
        let record = try await context.call(
            model, ChatRequest(messages: [.user(text)], parameters: parameters), key: key, role: .judge)
        return (PairwiseJudge.label(in: record.response), record)
    }
}
