import Foundation
import GRDB
import QuorumCore
import QuorumTesting
import Testing

@testable import QuorumStore

/// What can be checked of the shared-store seams without a PostgreSQL server (the live suite has the
/// rest): which store a location opens, the migration list, and how a migration reports itself.
/// (That a SQLite location opens the CoEval store too is `CoEvalStoreTests`'.)
@Suite("Shared store seams")
struct SharedStoreTests {
    @Test("a SQLite location opens the SQLite store for served traces")
    func sqliteLocations() async throws {
        let temporary = try TemporaryStore()
        let location = StoreLocation("sqlite:" + temporary.store.path)
        let traces = try await location.openServedTraceStore()
        #expect(traces is SQLiteRunStore && traces.location == "sqlite:\(temporary.store.path)")
        #expect(try await location.openVirtualKeyStore() is SQLiteRunStore)
        #expect(try await location.openGatewayStore() is SQLiteRunStore)
    }

    @Test("the one column list of each table the migration copies by name matches its SQLite table")
    func columnLists() async throws {
        let temporary = try TemporaryStore()
        let lists = [
            ("coeval_artifact", CoEvalArtifactRow.columns), ("coeval_rejection", CoEvalRejectionRow.columns),
            ("served_trace", ServedTrace.columns),
        ]
        for (table, list) in lists {
            let names = try await temporary.store.pool.read { db in try db.columns(in: table).map(\.name) }
            #expect(names == list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }, "\(table)")
        }
    }

    @Test("PostgreSQL migrations have unique ids in numbered order, verdicts, traces, CoEval, judgments, the response cache, virtual keys, CoEval batches and run batches after runs and workers")
    func migrationOrder() {
        let ids = PostgresSchema.migrations.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        #expect(ids.suffix(8) == [
            "003-pairwise-verdicts", "004-served-traces", "005-coeval", "006-judgments", "007-response-cache", "110-virtual-keys",
            "120-coeval-batches", "123-run-batches",
        ])
    }

    @Test("an item copied over an older one replaces every column but its key")
    func itemUpdates() {
        let updates = PostgresItemRow.updates
        #expect(updates.hasPrefix("position = EXCLUDED.position") && updates.contains("trace = EXCLUDED.trace"))
        #expect(!updates.contains("run_id") && !updates.contains("item_id =") && !updates.contains("system ="))
    }

    @Test("a batch INSERT numbers each row's placeholders after the rows before it")
    func batchInsert() throws {
        let rows = [("a", 1), ("b", 2), ("c", 3)]
        let query = try PostgresInsert.rows(rows, into: "t", columns: "name, n", then: "ON CONFLICT DO NOTHING") { row, binds in
            try binds.append(row.0)
            try binds.append(row.1)
        }
        #expect(query.sql == "INSERT INTO t (name, n) VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT DO NOTHING")
        #expect(query.binds.count == 6)
        #expect(PostgresInsert.batches(Array(0..<1201)).map(\.count) == [500, 500, 201])
    }

    @Test("a migration's tally counts what it copied apart from what was already there")
    func tally() {
        var tally = StoreMigration.Tally()
        tally.add({ var step = StoreMigration.Tally(); step.items = 4; step.calls = 3; step.alreadyThere = 2; return step }())
        tally.add({ var step = StoreMigration.Tally(); step.runs = 1; step.servedTraces = 5; step.virtualKeyRows = 2; step.cachedAnswers = 1; return step }())
        #expect(tally.copied == 16 && tally.alreadyThere == 2)
        #expect(tally.summary == "1 run(s), 4 item(s), 3 call(s), 0 pairwise verdict(s), 0 judgment(s), 0 CoEval row(s), 0 batch(es), 5 served trace(s), "
            + "2 virtual key row(s), 1 cached answer(s) copied; 2 row(s) already there")
    }
}
