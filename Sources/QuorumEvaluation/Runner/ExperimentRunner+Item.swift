import Foundation
import QuorumCore
import QuorumOrchestration
import QuorumStore

extension ExperimentRunner {
    /// Answers one pair (every turn), scores it, and says how it ended; never throws.
    func answer(_ work: Work, runID: String, ledger: SpendingLedger) async -> ItemRecord {
        let item = work.item
        let system = work.system
        var record = ItemRecord(
            runID: runID, system: system.name, itemID: item.id, position: work.position,
            prompt: item.question.prompt, reference: item.reference(forTurn: item.turnCount - 1))
        let started = ContinuousClock.now
        do {
            let journal = try await store.journal(
                run: runID, system: system.name, item: item.id, replaying: work.hasStoredCalls)
            let context = RunContext(
                models: models, ledger: ledger, journal: journal, cache: cache?.inheriting(from: system.name), logger: logger)
            let (question, answer) = try await answerTurns(item, with: system, in: context)
            var trace = answer.trace
            record.answer = answer.text
            record.level = answer.level
            if let scorer {
                let score = try await scorer.score(answer, for: question, in: context.scoped("score"))
                record.score = score.score
                record.passed = score.passed
                trace.children.append(score.trace)
            }
            record.trace = trace
            record.answerCost = trace.answerCost
            record.judgeCost = trace.judgeCost
            record.status = .answered
        } catch {
            classify(error, into: &record)
            // An item abandoned by a second Ctrl-C is unfinished work, whatever error the cut produced.
            if Task.isCancelled, record.status == .failed {
                record.status = .pending
                record.reasonKind = QuorumError.Kind.cancelled.rawValue
                record.note = "interrupted"
            }
        }
        record.latency = started.duration(to: .now).seconds
        record.updatedAt = Date()
        return record
    }

    /// Answers the first turn, then each follow-up after the previous answer; the trace holds every turn.
    func answerTurns(
        _ item: DatasetItem, with system: any AnswerSystem, in context: RunContext
    ) async throws -> (Question, Answer) {
        var question = item.question
        guard item.turnCount > 1 else { return (question, try await system.answer(question, in: context)) }
        var turns: [Answer] = []
        for turn in 0..<item.turnCount {
            if turn > 0, let previous = turns.last {
                question.messages += [.assistant(previous.text), .user(item.followUps[turn - 1])]
            }
            question.reference = item.reference(forTurn: turn)
            turns.append(try await system.answer(question, in: context.scoped("turn-\(turn + 1)")))
        }
        let trace = TraceNode(
            kind: .system, label: system.name,
            children: turns.enumerated().map { TraceNode(kind: .round, label: "turn \($0 + 1)", children: [$1.trace]) })
        let last = turns[turns.count - 1]
        let combined = Answer(
            text: last.text, trace: trace, level: turns.map(\.level).max() ?? 1,
            resolved: turns.allSatisfy(\.resolved), latency: turns.map(\.latency).reduce(0, +))
        return (question, combined)
    }

    /// Budget, quota and interruptions leave the item pending; anything else fails it with the reason.
    func classify(_ error: any Error, into record: inout ItemRecord) {
        if let error = error as? QuorumError {
            record.reasonKind = error.kind.rawValue
            record.note = error.description
            switch error.kind {
            case .budgetExhausted, .quotaExhausted, .cancelled: record.status = .pending
            default: record.status = .failed
            }
        } else if error is CancellationError {
            record.status = .pending
            record.reasonKind = QuorumError.Kind.cancelled.rawValue
            record.note = "interrupted"
        } else {
            record.status = .failed
            record.reasonKind = QuorumError.Kind.internal.rawValue
            record.note = String(describing: error)
        }
        logger.debug(
            "item not answered",
            metadata: ["system": "\(record.system)", "item": "\(record.itemID)", "reason": "\(record.note ?? "")"])
    }
}
