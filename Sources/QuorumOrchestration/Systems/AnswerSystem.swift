/// Anything that turns a question into an answer: single, cascade, debate, moa, best-of-n,
/// self-consistency, router. Systems nest: a system may use another as a model.
public protocol AnswerSystem: Sendable {
    /// The configured name.
    var name: String { get }

    /// Answers `question`; every model call goes through `context` (budget, resume, limits).
    /// Throws `QuorumError` when no answer could be produced at all.
    func answer(_ question: Question, in context: RunContext) async throws -> Answer
}
