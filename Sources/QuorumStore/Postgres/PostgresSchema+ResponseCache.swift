import PostgresNIO

extension PostgresSchema {
    /// The response cache shared by gateway replicas and workers (SQLite's `response_cache`). Times
    /// are seconds since 1970; `seq` orders answers stored in the same second.
    static let responseCache: (id: String, statements: [PostgresQuery]) = (
        "007-response-cache",
        [
            """
            CREATE TABLE quorum_response_cache (
                key text PRIMARY KEY, scope text NOT NULL, entry bytea NOT NULL, stored_at double precision NOT NULL,
                expires_at double precision NOT NULL, seq bigserial)
            """,
            "CREATE INDEX quorum_response_cache_by_scope ON quorum_response_cache (scope, stored_at)",
            "CREATE INDEX quorum_response_cache_by_expiry ON quorum_response_cache (expires_at)",
        ]
    )
}
