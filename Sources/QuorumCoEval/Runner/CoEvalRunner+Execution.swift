import Foundation
import QuorumCore
import QuorumOrchestration

extension CoEvalRunner {
    /// Runs `units` at most `setup.concurrency` at a time, recording each outcome; units whose model
    /// is out of quota, or that come after the budget or an interrupt, are left undone.
    func execute(_ all: [CoEvalUnit], phase: CoEvalPhase, in session: CoEvalSession) async throws {
        let units = try await executeBatches(all, phase: phase, in: session)
        guard !units.isEmpty else { return }
        logger.info("phase starting", metadata: ["phase": "\(phase)", "units": "\(units.count)"])
        let withCalls = try await store.coevalUnitsWithCalls(ofRun: session.runID, phase: phase)
        let attempts = try await attemptCounts(phase, session: session)
        let generation = session.state.generation(of: phase)
        try await BoundedConcurrency.forEach(
            units, limit: setup.concurrency,
            admit: { unit in
                guard await session.mayStart(unit.model) else {
                    await session.record(.stopped, phase: phase)
                    return false
                }
                return true
            },
            abandon: { session.stop.level == .abandoning },
            onAbandon: { logger.warning("abandoning the calls in flight", metadata: ["phase": "\(phase)"]) }
        ) { unit in
            let outcome = await self.perform(
                unit, attempt: attempts[unit.id] ?? 0, generation: generation, replaying: withCalls.contains(unit.id),
                session: session)
            await session.record(outcome, phase: phase)
        }
    }

    /// Malformed attempts so far per unit: the next attempt's number, so it is a new call, not a replay.
    func attemptCounts(_ phase: CoEvalPhase, session: CoEvalSession) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for rejection in try await store.coevalRejections(ofRun: session.runID)
        where rejection.phase == phase && rejection.kind == .malformed {
            counts[rejection.unitID] = max(counts[rejection.unitID] ?? 0, rejection.attempt + 1)
        }
        return counts
    }

    /// One unit: its calls (journaled under `gen-G/attempt-A`), its artifact, or the reason it has none.
    func perform(
        _ unit: CoEvalUnit, attempt: Int, generation: Int, replaying: Bool, session: CoEvalSession
    ) async -> CoEvalUnitOutcome {
        do {
            let journal = try await store.journal(
                run: session.runID, system: unit.phase.journalSystem, item: unit.id, replaying: replaying)
            let context = RunContext(
                models: models, ledger: session.ledger, journal: journal, logger: logger,
                path: "gen-\(generation)/attempt-\(attempt)")
            try await unit.work(context)
            return .done
        } catch let malformed as CoEvalMalformedReply {
            logger.debug("reply rejected", metadata: ["unit": "\(unit.id)", "reason": "\(malformed.reason)"])
            await reject(unit, attempt: attempt, kind: .malformed, reason: malformed.reason, reply: malformed.reply, session: session)
            return .rejected
        } catch let error as QuorumError {
            switch error.kind {
            case .quotaExhausted:
                await session.quotaReached(by: unit.model, in: unit.phase, reason: "quota reached for \(unit.model): \(error.message)")
                return .stopped
            case .budgetExhausted:
                await session.budgetReached(in: unit.phase, reason: error.message)
                return .stopped
            case .cancelled:
                return .stopped
            default:
                if Task.isCancelled { return .stopped }
                await reject(unit, attempt: attempt, kind: .failed, reason: error.description, reply: nil, session: session)
                return .failed
            }
        } catch {
            if error is CancellationError || Task.isCancelled { return .stopped }
            await reject(unit, attempt: attempt, kind: .failed, reason: "\(error)", reply: nil, session: session)
            return .failed
        }
    }

    private func reject(
        _ unit: CoEvalUnit, attempt: Int, kind: CoEvalRejection.Kind, reason: String, reply: String?, session: CoEvalSession
    ) async {
        let rejection = CoEvalRejection(
            phase: unit.phase, unitID: unit.id, attempt: attempt, model: unit.model, kind: kind, reason: reason, reply: reply)
        do {
            try await store.saveCoEvalRejection(rejection, runID: session.runID)
        } catch {
            logger.error("cannot store a rejection", metadata: ["unit": "\(unit.id)", "error": "\(error)"])
        }
    }
}
