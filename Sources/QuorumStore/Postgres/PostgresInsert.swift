import PostgresNIO

/// INSERTs of many rows in one statement: one round trip for a batch instead of one per row.
///
/// Each row appends its columns' values to the statement's bindings, in `columns` order; the
/// placeholders are numbered from what it appended. PostgreSQL takes at most 65,535 bindings a
/// statement, so callers send batches of `batchSize` rows.
enum PostgresInsert {
    /// Rows a batch holds: 500 items of 18 columns stay far below the bindings limit.
    static let batchSize = 500

    /// `rows` cut into batches of `batchSize`, in order.
    static func batches<Row>(_ rows: [Row]) -> [ArraySlice<Row>] {
        stride(from: 0, to: rows.count, by: batchSize).map { rows[$0..<min($0 + batchSize, rows.count)] }
    }

    /// `INSERT INTO table (columns) VALUES (…), (…) clause`, one tuple per row.
    static func rows<Row>(
        _ rows: some Collection<Row>, into table: String, columns: String, then clause: String,
        binding bind: (Row, inout PostgresBindings) throws -> Void
    ) throws -> PostgresQuery {
        var binds = PostgresBindings()
        var tuples: [String] = []
        tuples.reserveCapacity(rows.count)
        for row in rows {
            let first = binds.count + 1
            try bind(row, &binds)
            tuples.append("(" + (first...binds.count).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        return PostgresQuery(
            unsafeSQL: "INSERT INTO \(table) (\(columns)) VALUES \(tuples.joined(separator: ", ")) \(clause)", binds: binds)
    }
}
