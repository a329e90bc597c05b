import Foundation
import GRDB
import QuorumCore
import QuorumOrchestration

/// `run` table row: primitives only, converted to and from `RunRecord`.
struct RunRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "run"
    var id: String
    var name: String
    var status: String
    var configSnapshot: String
    var dataset: String
    var systems: String
    var baseline: String?
    var scoring: String?
    var createdAt: Date
    var updatedAt: Date
    var finishedAt: Date?
    var stopReason: String?

    init(_ run: RunRecord) {
        id = run.id
        name = run.name
        status = run.status.rawValue
        configSnapshot = run.configSnapshot
        dataset = run.dataset
        systems = run.systems.joined(separator: "\n")
        baseline = run.baseline
        scoring = run.scoring
        createdAt = run.createdAt
        updatedAt = run.updatedAt
        finishedAt = run.finishedAt
        stopReason = run.stopReason
    }

    var record: RunRecord {
        var run = RunRecord(
            id: id, name: name, status: RunStatus(rawValue: status) ?? .running, configSnapshot: configSnapshot,
            dataset: dataset, systems: systems.split(separator: "\n").map(String.init), baseline: baseline,
            scoring: scoring, createdAt: createdAt, finishedAt: finishedAt, stopReason: stopReason)
        run.updatedAt = updatedAt
        return run
    }
}

/// `item` table row; the trace is stored as JSON.
struct ItemRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "item"
    var runID: String
    var system: String
    var itemID: String
    var position: Int
    var status: String
    var prompt: String
    var reference: String?
    var answer: String?
    var score: Double?
    var passed: Bool?
    var level: Int?
    var answerCost: String
    var judgeCost: String
    var latency: Double?
    var note: String?
    var reasonKind: String?
    var trace: Data?
    var updatedAt: Date

    init(_ item: ItemRecord, encoder: JSONEncoder) throws {
        runID = item.runID
        system = item.system
        itemID = item.itemID
        position = item.position
        status = item.status.rawValue
        prompt = item.prompt
        reference = item.reference
        answer = item.answer
        score = item.score
        passed = item.passed
        level = item.level
        answerCost = item.answerCost.exactString
        judgeCost = item.judgeCost.exactString
        latency = item.latency
        note = item.note
        reasonKind = item.reasonKind
        trace = try item.trace.map { try encoder.encode($0) }
        updatedAt = item.updatedAt
    }

    func record(decoder: JSONDecoder) throws -> ItemRecord {
        var item = ItemRecord(
            runID: runID, system: system, itemID: itemID, position: position,
            status: ItemStatus(rawValue: status) ?? .pending, prompt: prompt, reference: reference)
        item.answer = answer
        item.score = score
        item.passed = passed
        item.level = level
        item.answerCost = USD(string: answerCost) ?? .zero
        item.judgeCost = USD(string: judgeCost) ?? .zero
        item.latency = latency
        item.note = note
        item.reasonKind = reasonKind
        item.trace = try trace.map { try decoder.decode(TraceNode.self, from: $0) }
        item.updatedAt = updatedAt
        return item
    }
}

/// `call` table row: one successful model call, keyed for replay.
struct CallRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "call"
    var runID: String
    var system: String
    var itemID: String
    var key: String
    var model: String
    var role: String
    var cost: String
    var record: Data
    var createdAt: Date

    init(runID: String, system: String, itemID: String, call: CallRecord, encoder: JSONEncoder) throws {
        self.runID = runID
        self.system = system
        self.itemID = itemID
        key = call.key
        model = call.model
        role = call.role.rawValue
        cost = call.cost.exactString
        var stored = call
        stored.replayed = false
        record = try encoder.encode(stored)
        createdAt = Date()
    }
}
