import ArgumentParser
import Foundation
import QuorumCore
import QuorumStore

/// `quorum store migrate --from sqlite:PATH --to postgres://…`: a SQLite store's runs copied into
/// a shared PostgreSQL one, for workers, replicas and a team.
struct StoreMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy runs from a SQLite store into a PostgreSQL store, losslessly.",
        discussion: """
            Copies each run with its items, call journal (and so its spending), pairwise verdicts and CoEval \
            tables, one transaction per run; without --run, also the traces `quorum serve` kept, its cached answers and its virtual \
            keys with what they spent. Safe to run \
            again: rows already there are skipped, and a run continued in SQLite since is brought up to date. \
            The SQLite file is only read.
            """)

    @Option(help: "The SQLite store to read: sqlite:PATH or a path.")
    var from: String

    @Option(help: "The PostgreSQL store to write: postgres://USER:PASSWORD@HOST:PORT/DATABASE.")
    var to: String

    @Option(name: .customLong("run"), help: "A run to copy (repeatable; default: every run and the served traces).")
    var runs: [String] = []

    @Flag(help: "Print the tally as one JSON value.")
    var json = false

    func validate() throws {
        let source = StoreLocation(from)
        guard source.kind == .sqlite else {
            throw ValidationError("--from must be a SQLite store (sqlite:PATH); \(source) is not one")
        }
        guard FileManager.default.fileExists(atPath: source.address) else {
            throw ValidationError("--from: no SQLite store at \(source.address)")
        }
        let destination = StoreLocation(to)
        guard destination.kind == .postgres else {
            throw ValidationError("--to must be a PostgreSQL store (postgres://…); \(destination) is not one")
        }
    }

    func run() async throws {
        let source = try SQLiteRunStore(path: StoreLocation(from).address)
        let destination = try await PostgresRunStore.open(to)
        defer { destination.close() }
        printError("migrating \(source.location) → \(destination.location)")
        let progress = MigrationProgressLine(isTerminal: isatty(STDERR_FILENO) != 0)
        let tally = try await StoreMigration(from: source, to: destination).copy(runs: runs.isEmpty ? nil : runs) { tally in
            progress.show(tally)
        }
        progress.finish(tally)
        if json { try printJSON(tally) }
    }
}

/// The running tally on standard error: rewritten in place on a terminal, a line per step otherwise.
private struct MigrationProgressLine {
    var isTerminal: Bool

    func show(_ tally: StoreMigration.Tally) {
        if isTerminal {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(tally.summary)".utf8))
        } else {
            printError(tally.summary)
        }
    }

    func finish(_ tally: StoreMigration.Tally) {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        printError("migrated: \(tally.summary)")
    }
}
