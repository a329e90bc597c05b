import PostgresNIO

/// The migrations that came after runs and workers, one per concern, numbered after theirs.
extension PostgresSchema {
    /// What `quorum compare` paid a pairwise judge for, kept next to the run (SQLite's
    /// `pairwise_verdict`). `seq` keeps the order verdicts were stored in (SQLite's rowid).
    static let pairwiseVerdicts: (id: String, statements: [PostgresQuery]) = (
        "003-pairwise-verdicts",
        [
            """
            CREATE TABLE quorum_pairwise_verdict (
                run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, system text NOT NULL,
                item_id text NOT NULL, baseline text NOT NULL, judge text NOT NULL, ordering text NOT NULL,
                label text, cost text NOT NULL, call bytea NOT NULL, created_at timestamptz NOT NULL, seq bigserial,
                PRIMARY KEY (run_id, system, item_id, baseline, judge, ordering))
            """
        ]
    )

    /// What `quorum serve` answered, for `GET /v1/traces/{id}` from any replica (SQLite's `served_trace`).
    static let servedTraces: (id: String, statements: [PostgresQuery]) = (
        "004-served-traces",
        [
            """
            CREATE TABLE quorum_served_trace (
                id text PRIMARY KEY, model text NOT NULL, created bigint NOT NULL, trace bytea NOT NULL)
            """
        ]
    )

    /// CoEval's artifacts, rejected attempts and per-run state (SQLite's `CoEvalSchema`); its calls
    /// live in `quorum_call` like every run's. `seq` keeps the order artifacts were stored in.
    static let coeval: (id: String, statements: [PostgresQuery]) = (
        "005-coeval",
        [
            """
            CREATE TABLE quorum_coeval_artifact (
                run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, phase integer NOT NULL,
                id text NOT NULL, task text NOT NULL, model text NOT NULL, record bytea NOT NULL,
                created_at timestamptz NOT NULL, seq bigserial, PRIMARY KEY (run_id, phase, id))
            """,
            """
            CREATE TABLE quorum_coeval_rejection (
                run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, phase integer NOT NULL,
                unit_id text NOT NULL, attempt integer NOT NULL, model text NOT NULL, kind text NOT NULL,
                reason text NOT NULL, reply text, created_at timestamptz NOT NULL, seq bigserial,
                PRIMARY KEY (run_id, phase, unit_id, attempt))
            """,
            """
            CREATE TABLE quorum_coeval_state (
                run_id text PRIMARY KEY REFERENCES quorum_run (id) ON DELETE CASCADE, state bytea NOT NULL)
            """,
        ]
    )

    /// Rubric judgments of people and LLM judges (SQLite's `judgment`). `seq` keeps the order
    /// judgments were first stored in (SQLite's rowid); a re-save keeps it.
    static let judgments: (id: String, statements: [PostgresQuery]) = (
        "006-judgments",
        [
            """
            CREATE TABLE quorum_judgment (
                run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, system text NOT NULL,
                item_id text NOT NULL, judge text NOT NULL, kind text NOT NULL, rubric text NOT NULL,
                scores text NOT NULL, flags text NOT NULL, composite double precision NOT NULL, comment text,
                candidate_sha256 text NOT NULL, judged_at timestamptz NOT NULL, seq bigserial,
                PRIMARY KEY (run_id, system, item_id, judge))
            """
        ]
    )
}
