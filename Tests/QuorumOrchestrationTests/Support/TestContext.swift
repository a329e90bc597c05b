import QuorumCore
import QuorumOrchestration
import QuorumTesting

/// A context over the given models, keyed by their names.
func makeContext(_ models: [any ChatModel], journal: (any CallJournal)? = nil) -> RunContext {
    RunContext(models: Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0) }), journal: journal)
}

func usd(_ text: String) -> USD { USD(string: text)! }

/// The seed's verdict JSON.
func verdictJSON(score: Double, verdict: String = "Valid", feedback: String = "") -> String {
    #"{"reasoning": "checked", "verdict": "\#(verdict)", "score": \#(score), "feedback": "\#(feedback)"}"#
}

/// A journal kept in memory, for resume tests.
actor MemoryJournal: CallJournal {
    private(set) var stored: [String: CallRecord] = [:]

    func replay(_ key: String) async throws -> CallRecord? { stored[key] }
    func record(_ call: CallRecord) async throws { stored[call.key] = call }
}
