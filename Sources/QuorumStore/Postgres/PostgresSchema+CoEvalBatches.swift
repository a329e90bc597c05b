import PostgresNIO

extension PostgresSchema {
    /// CoEval's batch jobs (SQLite's `coeval_batch`): written before they are polled.
    static let coevalBatches: (id: String, statements: [PostgresQuery]) = (
        "120-coeval-batches",
        [
            """
            CREATE TABLE quorum_coeval_batch (
                run_id text NOT NULL REFERENCES quorum_run (id) ON DELETE CASCADE, batch_id text NOT NULL,
                phase integer NOT NULL, model text NOT NULL, vendor text NOT NULL, status text NOT NULL,
                submitted_at timestamptz NOT NULL, record bytea NOT NULL, seq bigserial, PRIMARY KEY (run_id, batch_id))
            """
        ]
    )
}
