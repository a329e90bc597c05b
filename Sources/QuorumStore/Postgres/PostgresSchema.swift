import Logging
import PostgresNIO

/// The PostgreSQL store's schema as numbered migrations, each applied once in its own transaction.
///
/// Many workers may open a new database at once, so every open takes one transaction-scoped
/// advisory lock before reading what is applied: the first applies, the others wait and find it done.
enum PostgresSchema {
    /// The advisory lock key ("quorum" in ASCII), shared by every Quorum process on the database.
    static let lockKey: Int64 = 0x71_75_6f_72_75_6d

    /// Every migration in order: the runs and workers below, then one per later concern (pairwise verdicts, served traces, CoEval, judgments, the response cache) in
    /// `PostgresSchema+Additions.swift`, virtual keys in `PostgresSchema+VirtualKeys.swift`. Identifiers are never reused or renumbered.
    static let migrations: [(id: String, statements: [PostgresQuery])] = core + [pairwiseVerdicts, servedTraces, coeval, judgments, responseCache, virtualKeys, coevalBatches, runBatches]

    private static let core: [(id: String, statements: [PostgresQuery])] = [
        (
            "001-runs-items-calls",
            [
                """
                CREATE TABLE quorum_run (
                    id text PRIMARY KEY, name text NOT NULL, status text NOT NULL, config_snapshot text NOT NULL,
                    dataset text NOT NULL, systems text NOT NULL, baseline text, scoring text,
                    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, finished_at timestamptz,
                    stop_reason text)
                """,
                // `seq` keeps insertion order, which is dataset order system by system (SQLite's rowid).
                """
                CREATE TABLE quorum_item (
                    run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, system text NOT NULL,
                    item_id text NOT NULL, seq bigserial, position integer NOT NULL, status text NOT NULL,
                    prompt text NOT NULL, reference text, answer text, score double precision, passed boolean,
                    level integer, answer_cost text NOT NULL, judge_cost text NOT NULL, latency double precision,
                    note text, reason_kind text, trace bytea, updated_at timestamptz NOT NULL,
                    PRIMARY KEY (run_id, system, item_id))
                """,
                "CREATE INDEX quorum_item_by_status ON quorum_item (run_id, status)",
                """
                CREATE TABLE quorum_call (
                    run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, system text NOT NULL,
                    item_id text NOT NULL, key text NOT NULL, model text NOT NULL, role text NOT NULL,
                    cost text NOT NULL, record bytea NOT NULL, created_at timestamptz NOT NULL,
                    PRIMARY KEY (run_id, system, item_id, key))
                """,
            ]
        ),
        (
            "002-workers",
            [
                // A pair is leased to one worker at a time; an expired lease makes it claimable again.
                "ALTER TABLE quorum_item ADD COLUMN lease_owner text, ADD COLUMN lease_until timestamptz",
                "CREATE INDEX quorum_item_claimable ON quorum_item (run_id, seq) WHERE status = 'pending'",
                """
                CREATE TABLE quorum_worker (
                    id text PRIMARY KEY, run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE,
                    host text NOT NULL, pid integer NOT NULL, concurrency integer NOT NULL, lease_seconds double precision NOT NULL,
                    state text NOT NULL,
                    started_at timestamptz NOT NULL, heartbeat_at timestamptz NOT NULL,
                    answered integer NOT NULL DEFAULT 0, failed integer NOT NULL DEFAULT 0)
                """,
                // Calls begun and not recorded yet: what is in flight, or what a dead worker may have
                // paid for. Whose they are is the pair's lease owner.
                """
                CREATE TABLE quorum_call_intent (
                    run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, system text NOT NULL,
                    item_id text NOT NULL, key text NOT NULL, model text NOT NULL,
                    started_at timestamptz NOT NULL, PRIMARY KEY (run_id, system, item_id, key))
                """,
                // The run's money and calls per model, kept by the engine in the transaction that
                // stores (or replaces) a call, so every worker reads one account.
                """
                CREATE TABLE quorum_ledger (
                    run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, model text NOT NULL,
                    calls bigint NOT NULL, spent numeric NOT NULL, PRIMARY KEY (run_id, model))
                """,
                """
                CREATE FUNCTION quorum_ledger_account() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE quorum_ledger SET calls = calls - 1, spent = spent - OLD.cost::numeric
                        WHERE run_id = OLD.run_id AND model = OLD.model;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO quorum_ledger (run_id, model, calls, spent) VALUES (NEW.run_id, NEW.model, 1, NEW.cost::numeric)
                        ON CONFLICT (run_id, model)
                        DO UPDATE SET calls = quorum_ledger.calls + 1, spent = quorum_ledger.spent + EXCLUDED.spent;
                    END IF;
                    RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER quorum_call_ledger AFTER INSERT OR UPDATE OR DELETE ON quorum_call
                FOR EACH ROW EXECUTE FUNCTION quorum_ledger_account()
                """,
                """
                INSERT INTO quorum_ledger (run_id, model, calls, spent)
                SELECT run_id, model, count(*), sum(cost::numeric) FROM quorum_call GROUP BY run_id, model
                """,
            ]
        ),
    ]

    /// Applies what is not applied yet; returns the ids it applied.
    @discardableResult
    static func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS quorum_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied: Set<String> = []
            for try await id in try await connection.query("SELECT id FROM quorum_migrations", logger: logger).decode(String.self) {
                applied.insert(id)
            }
            var done: [String] = []
            for migration in migrations where !applied.contains(migration.id) {
                for statement in migration.statements { try await connection.query(statement, logger: logger) }
                try await connection.query("INSERT INTO quorum_migrations (id) VALUES (\(migration.id))", logger: logger)
                done.append(migration.id)
            }
            return done
        }
    }
}
