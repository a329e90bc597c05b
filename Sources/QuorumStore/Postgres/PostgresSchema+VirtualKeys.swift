import PostgresNIO

extension PostgresSchema {
    /// Virtual keys of `quorum serve` and their spend (SQLite's `VirtualKeySchema`), shared by every
    /// gateway replica on the database. Numbered as SQLite's migration is, after every earlier one.
    static let virtualKeys: (id: String, statements: [PostgresQuery]) = (
        "110-virtual-keys",
        [
            """
            CREATE TABLE quorum_virtual_key (
                name text PRIMARY KEY, hash text NOT NULL UNIQUE, budget bigint, period text NOT NULL,
                rpm integer, tpm integer, models text NOT NULL, created_at timestamptz NOT NULL, revoked_at timestamptz)
            """,
            """
            CREATE TABLE quorum_virtual_key_spend (
                key_name text NOT NULL REFERENCES quorum_virtual_key (name) ON DELETE CASCADE, budget_window text NOT NULL,
                spent bigint NOT NULL, reserved bigint NOT NULL, requests bigint NOT NULL, PRIMARY KEY (key_name, budget_window))
            """,
            """
            CREATE TABLE quorum_virtual_key_rate (
                key_name text NOT NULL REFERENCES quorum_virtual_key (name) ON DELETE CASCADE, minute bigint NOT NULL,
                requests bigint NOT NULL, tokens bigint NOT NULL, PRIMARY KEY (key_name, minute))
            """,
        ]
    )
}
