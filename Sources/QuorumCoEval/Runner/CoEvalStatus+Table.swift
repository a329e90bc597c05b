import QuorumCore
import QuorumEvaluation

extension CoEvalStatus {
    /// Phases, spend per model, stops and the latest rejection reasons, as text tables.
    public func renderedTable() -> String {
        var text = "coeval run \(runID) (\(status.rawValue))\n"
        text += TextTable(
            header: ["phase", "mode", "done", "expected", "rejected", "gaps"],
            rows: phases.map {
                ["\($0.phase.rawValue) \($0.name)", $0.mode.rawValue, "\($0.done)", "\($0.expected)", "\($0.rejected)", "\($0.gaps)"]
            }
        ).rendered()
        if !spend.isEmpty {
            text += "\n\n" + TextTable(
                header: ["model", "calls", "USD"], rows: spend.map { [$0.model, "\($0.calls)", $0.cost.formatted] }
            ).rendered()
            text += "\ntotal \(totalCost.formatted)"
        }
        for stop in stops {
            text += "\nstopped in phase \(stop.phase.rawValue)" + (stop.model.map { " (\($0))" } ?? "") + ": \(stop.reason)"
        }
        if !rejections.isEmpty {
            text += "\n\nrejected (latest reason per unit):"
            for rejection in rejections.suffix(10) {
                text += "\n  \(rejection.unitID) [\(rejection.model), \(rejection.kind.rawValue)]: \(rejection.reason)"
            }
            if rejections.count > 10 { text += "\n  … and \(rejections.count - 10) more (--json lists all)" }
        }
        return text
    }
}
