import Foundation
import NIOCore
import PostgresNIO
import QuorumCore
import QuorumOrchestration

/// `quorum_run` rows to and from `RunRecord` (the same primitives as SQLite's `RunRow`).
enum PostgresRunRow {
    static let columns =
        "id, name, status, config_snapshot, dataset, systems, baseline, scoring, created_at, updated_at, finished_at, stop_reason"

    static func insert(_ run: RunRecord) -> PostgresQuery {
        """
        INSERT INTO quorum_run (\(unescaped: columns)) VALUES (\(run.id), \(run.name), \(run.status.rawValue), \
        \(run.configSnapshot), \(run.dataset), \(run.systems.joined(separator: "\n")), \(run.baseline), \(run.scoring), \
        \(run.createdAt), \(run.updatedAt), \(run.finishedAt), \(run.stopReason))
        """
    }

    static func record(_ row: PostgresRow) throws -> RunRecord {
        let cells = row.makeRandomAccess()
        var run = RunRecord(
            id: try cells["id"].decode(String.self), name: try cells["name"].decode(String.self),
            status: RunStatus(rawValue: try cells["status"].decode(String.self)) ?? .running,
            configSnapshot: try cells["config_snapshot"].decode(String.self), dataset: try cells["dataset"].decode(String.self),
            systems: try cells["systems"].decode(String.self).split(separator: "\n").map(String.init),
            baseline: try cells["baseline"].decode(String?.self), scoring: try cells["scoring"].decode(String?.self),
            createdAt: try cells["created_at"].decode(Date.self), finishedAt: try cells["finished_at"].decode(Date?.self),
            stopReason: try cells["stop_reason"].decode(String?.self))
        run.updatedAt = try cells["updated_at"].decode(Date.self)
        return run
    }
}

/// A `quorum_item` row; the trace is stored as JSON, as in SQLite.
struct PostgresItemRow {
    static let columns = """
        run_id, system, item_id, position, status, prompt, reference, answer, score, passed, level, answer_cost, \
        judge_cost, latency, note, reason_kind, trace, updated_at
        """
    var item: ItemRecord
    var trace: Data?

    init(_ item: ItemRecord) throws {
        self.item = item
        trace = try item.trace.map { try JSONEncoder().encode($0) }
    }

    /// An item whose trace is already JSON (copied from SQLite as it is).
    init(_ item: ItemRecord, encodedTrace: Data?) {
        self.item = item
        trace = encodedTrace
    }

    /// Every column but the key (and `seq`, which keeps the pair's place) set from the excluded row.
    static var updates: String {
        columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !["run_id", "system", "item_id"].contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
            .joined(separator: ", ")
    }

    /// One INSERT of every row in `rows`; `action` says what an existing pair gets.
    static func insert(_ rows: some Collection<PostgresItemRow>, onConflict action: String) throws -> PostgresQuery {
        try PostgresInsert.rows(rows, into: "quorum_item", columns: columns, then: "ON CONFLICT (run_id, system, item_id) \(action)") {
            row, binds in try row.bind(into: &binds)
        }
    }

    /// Insert or replace every column but the key (and `seq`, which keeps the pair's place).
    func upsert() throws -> PostgresQuery {
        // A saved pair is no longer anyone's to work on.
        try Self.insert([self], onConflict: "DO UPDATE SET \(Self.updates), lease_owner = NULL, lease_until = NULL")
    }

    /// The values of `columns`, in order.
    private func bind(into binds: inout PostgresBindings) throws {
        try binds.append(item.runID)
        try binds.append(item.system)
        try binds.append(item.itemID)
        try binds.append(item.position)
        try binds.append(item.status.rawValue)
        try binds.append(item.prompt)
        try binds.append(item.reference)
        try binds.append(item.answer)
        try binds.append(item.score)
        try binds.append(item.passed)
        try binds.append(item.level)
        try binds.append(item.answerCost.exactString)
        try binds.append(item.judgeCost.exactString)
        try binds.append(item.latency)
        try binds.append(item.note)
        try binds.append(item.reasonKind)
        try binds.append(trace.map { ByteBuffer(bytes: $0) })
        try binds.append(item.updatedAt)
    }

    static func record(_ row: PostgresRow, decoder: JSONDecoder) throws -> ItemRecord {
        let cells = row.makeRandomAccess()
        var item = ItemRecord(
            runID: try cells["run_id"].decode(String.self), system: try cells["system"].decode(String.self),
            itemID: try cells["item_id"].decode(String.self), position: try cells["position"].decode(Int.self),
            status: ItemStatus(rawValue: try cells["status"].decode(String.self)) ?? .pending,
            prompt: try cells["prompt"].decode(String.self), reference: try cells["reference"].decode(String?.self))
        item.answer = try cells["answer"].decode(String?.self)
        item.score = try cells["score"].decode(Double?.self)
        item.passed = try cells["passed"].decode(Bool?.self)
        item.level = try cells["level"].decode(Int?.self)
        item.answerCost = USD(string: try cells["answer_cost"].decode(String.self)) ?? .zero
        item.judgeCost = USD(string: try cells["judge_cost"].decode(String.self)) ?? .zero
        item.latency = try cells["latency"].decode(Double?.self)
        item.note = try cells["note"].decode(String?.self)
        item.reasonKind = try cells["reason_kind"].decode(String?.self)
        item.trace = try cells["trace"].decode(Data?.self).map { try decoder.decode(TraceNode.self, from: $0) }
        item.updatedAt = try cells["updated_at"].decode(Date.self)
        return item
    }
}

/// A `quorum_call` row: one successful model call, keyed for replay.
struct PostgresCallRow {
    /// The table's columns in the order every INSERT into it lists them (the journal's and the migration's).
    static let columns = "run_id, system, item_id, key, model, role, cost, record, created_at"
    var runID: String
    var system: String
    var itemID: String
    var call: CallRecord
    var record: Data

    init(runID: String, system: String, itemID: String, call: CallRecord) throws {
        self.runID = runID
        self.system = system
        self.itemID = itemID
        self.call = call
        var stored = call
        stored.replayed = false
        record = try JSONEncoder().encode(stored)
    }

    /// The insert, which also clears the call's intent (`begin`) in the same statement; `replacing` a journaled call of the same key (the journal), or keeping it (a save).
    func insert(replacing: Bool) -> PostgresQuery {
        """
        WITH done AS (DELETE FROM quorum_call_intent WHERE run_id = \(runID) AND system = \(system) AND item_id = \(itemID) \
        AND key = \(call.key)) INSERT INTO quorum_call (\(unescaped: Self.columns)) VALUES \
        (\(runID), \(system), \(itemID), \(call.key), \(call.model), \(call.role.rawValue), \(call.cost.exactString), \
        \(ByteBuffer(bytes: record)), \(Date())) ON CONFLICT (run_id, system, item_id, key) \
        \(unescaped: replacing ? "DO UPDATE SET model = EXCLUDED.model, role = EXCLUDED.role, cost = EXCLUDED.cost, record = EXCLUDED.record" : "DO NOTHING")
        """
    }
}
