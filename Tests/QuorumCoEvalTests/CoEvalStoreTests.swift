import QuorumStore
import QuorumTesting
import Testing

@testable import QuorumCoEval

@Suite("CoEval store")
struct CoEvalStoreTests {
    @Test("a SQLite location opens the SQLite store for CoEval")
    func sqliteLocation() async throws {
        let temporary = try TemporaryStore()
        let coeval = try await StoreLocation("sqlite:" + temporary.store.path).openCoEvalStore()
        #expect(coeval is SQLiteRunStore)
    }
}
