import QuorumCore
import QuorumOrchestration
import QuorumStore

/// How well a cascade's gate decided, measured by checking every gated level's own answer with the
/// run's verifier (free: the answers are in the traces): how often it accepted a wrong answer and
/// rejected a right one.
public struct GateReview: Sendable, Hashable, Codable {
    /// The gate, as the trace names it (`confidence:mean`, `judge:strict`).
    public var gate: String
    public var acceptedRight: Int
    public var acceptedWrong: Int
    public var rejectedRight: Int
    public var rejectedWrong: Int

    public var decisions: Int { acceptedRight + acceptedWrong + rejectedRight + rejectedWrong }
    /// Of the answers it accepted, the share that were right.
    public var precision: Double? { ratio(acceptedRight, acceptedRight + acceptedWrong) }
    /// Of the right answers it saw, the share it accepted (the rest were escalated for nothing).
    public var recall: Double? { ratio(acceptedRight, acceptedRight + rejectedRight) }
    /// Of the wrong answers it saw, the share it let through.
    public var falseAcceptRate: Double? { ratio(acceptedWrong, acceptedWrong + rejectedWrong) }

    private func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// The review of `items`' gated levels, or `nil` when none was gated or the run's scoring
    /// cannot be re-checked without a call (a judge, or `code`, which runs python).
    public init?(items: [ItemRecord], scoring: String?) {
        guard let scoring, scoring.hasPrefix("verifier:"),
            let kind = try? ScoringFactory.verifierKind(String(scoring.dropFirst("verifier:".count)), tolerance: 1e-6)
        else { return nil }
        let verifier = Verifier(kind)
        var review = (right: 0, wrong: 0, rejectedRight: 0, rejectedWrong: 0)
        var names: [String: Int] = [:]
        for item in items where item.status == .answered {
            for level in item.trace.map(Self.gatedLevels) ?? [] {
                guard let decision = Self.decision(level),
                    let answer = level.children.first(where: { $0.call?.role == .answer })?.call?.response,
                    let correct = verifier.immediateCheck(answer, reference: item.reference)?.passed
                else { continue }
                if let gate = Self.gateVerdict(level)?.judge { names[gate, default: 0] += 1 }
                switch (decision, correct) {
                case (true, true): review.right += 1
                case (true, false): review.wrong += 1
                case (false, true): review.rejectedRight += 1
                case (false, false): review.rejectedWrong += 1
                }
            }
        }
        guard review.right + review.wrong + review.rejectedRight + review.rejectedWrong > 0 else { return nil }
        gate = names.max { $0.value < $1.value }?.key ?? "gate"
        acceptedRight = review.right
        acceptedWrong = review.wrong
        rejectedRight = review.rejectedRight
        rejectedWrong = review.rejectedWrong
    }

    /// A cascade's levels: the trace's own, or those of the system it handed the item to (a gated
    /// router's cascade from its pick).
    static func gatedLevels(_ node: TraceNode) -> [TraceNode] {
        let levels = node.children.filter { $0.kind == .level }
        return levels.isEmpty ? node.children.filter { $0.kind == .system }.flatMap(gatedLevels) : levels
    }

    /// Whether the level's gate accepted (`true`) or escalated (`false`); `nil` for a level that was
    /// not gated (no gate, the ungated last level) or whose model failed.
    static func decision(_ level: TraceNode) -> Bool? { gateVerdict(level)?.passed }

    static func gateVerdict(_ level: TraceNode) -> VerdictRecord? {
        level.children.first { $0.kind == .verdict && $0.label == "gate" }?.verdict
    }
}
