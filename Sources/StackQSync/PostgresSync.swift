import AsyncAlgorithms
import Foundation
import Logging
import NIOCore
import PostgresNIO
import StackQ
import Synchronization

/// Writes a statement's rows into a PostgreSQL table as a snapshot: `stackq sync`, and the same from code.
///
/// The rows stream from the engine into a temporary staging table with `COPY … FROM STDIN` as SQLite produces them
/// (never held whole); only when the statement has finished and every row is in does one transaction put them in
/// the table: the old rows deleted (the table made anew when its columns changed) and the new ones inserted. A sync
/// that fails — an API error, a lost connection, a cancelled task (Ctrl-C) — ends before that transaction commits,
/// so the table keeps its previous snapshot exactly, and the staging table goes with the session.
///
/// With ``EngineConfiguration/shard`` set (`--shard I/N`), the rows carry `_stackq_shard` (`I/N`) and a sync
/// replaces only its own shard's rows (and any left by another shard count), so N processes fill one table.
///
/// Columns: bigint, double precision, boolean, text, jsonb (object and array properties) and timestamptz
/// (date-time properties; a value that is no time lands NULL), then
/// `_stackq_synced_at` (timestamptz, the same for every row of a sync).
///
/// ```swift
/// let engine = try Engine(configuration: configuration)
/// let target = try PostgresURL("postgresql://inventory@db.example.com/inventory?sslmode=verify-full")
/// let report = try await PostgresSync(engine: engine, url: target, table: "instances", logger: logger)
///     .run("SELECT name, status FROM google.compute.instances WHERE project = 'p' AND zone = 'us-central1-a'")
/// print(report.rows)
/// ```
public struct PostgresSync: Sendable {
    /// What a sync did.
    public struct Report: Sendable {
        /// Rows written.
        public var rows: Int
        /// The table's columns (the two `_stackq_` ones last).
        public var columns: [SyncColumn]
        /// The calls the statement made.
        public var calls: [CallOutcome]
        /// `schema.table`, as written in messages.
        public var table: String
    }

    public let engine: Engine
    public let url: PostgresURL
    public let schema: String
    public let table: String
    let logger: Logger

    /// A sync of statements run by `engine` into `schema`.`table` at `url`.
    ///
    /// - Throws: ``SyncError`` for an empty or over-long table or schema name.
    public init(engine: Engine, url: PostgresURL, schema: String = "public", table: String, logger: Logger) throws {
        for (what, name) in [("--table", table), ("--schema", schema)] {
            guard !name.isEmpty, name.utf8.count <= 63, !name.utf8.contains(0) else {
                throw SyncError("\(what) must be a name of 1 to 63 bytes")
            }
        }
        self.engine = engine
        self.url = url
        self.schema = schema
        self.table = table
        self.logger = logger
    }

    /// Runs `sql` (one statement that returns rows) and replaces the table's snapshot (or this shard's part of it)
    /// with its rows.
    ///
    /// - Throws: the statement's error, or ``SyncError`` for PostgreSQL's; either way the table is as it was.
    public func run(_ sql: String) async throws -> Report {
        let shard = await engine.configuration.shard
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try url.configuration(), id: 1, logger: logger)
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError("cannot connect to \(url): \(SyncError.describe(error, secrets: url.secrets))")
        }
        do {
            let report = try await write(sql, shard: shard, connection: connection)
            try? await connection.close()
            return report
        } catch {
            // Closing the session rolls back an open transaction and drops the staging table.
            try? await connection.close()
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            if error is PSQLError { throw SyncError(SyncError.describe(error, secrets: url.secrets)) }
            throw error
        }
    }

    var qualifiedName: String { PostgresSync.quote(schema) + "." + PostgresSync.quote(table) }

    private func write(_ sql: String, shard: FanOutShard?, connection: PostgresConnection) async throws -> Report {
        let channel = AsyncThrowingChannel<SyncEvent, any Error>()
        let handler = SyncHandler(channel: channel, syncedAt: PostgresSync.timestamp(Date()), shard: shard)
        let engine = self.engine
        return try await withThrowingTaskGroup(of: Report?.self) { group in
            group.addTask {
                do {
                    try await engine.execute(script: sql, handler: handler)
                    try await handler.end()
                    channel.finish()
                } catch {
                    channel.fail(error)
                    throw error
                }
                return nil
            }
            group.addTask {
                try await self.load(channel, shard: shard, connection: connection, handler: handler)
            }
            var report: Report?
            do {
                while let next = try await group.next() { if let next { report = next } }
            } catch {
                group.cancelAll()
                throw error
            }
            guard let report else { throw SyncError("the statement gave no result to sync") }
            return report
        }
    }

    /// Takes the rows from `channel` into a staging table, then swaps them in.
    private func load(_ channel: AsyncThrowingChannel<SyncEvent, any Error>, shard: FanOutShard?,
                      connection: PostgresConnection, handler: SyncHandler) async throws -> Report {
        var events = channel.makeAsyncIterator()
        guard case .begin(let columns)? = try await events.next() else {
            throw SyncError("the statement gave no result to sync")
        }
        let added = PostgresSync.addedColumns(sharded: shard != nil)
        let extra = added.map { SyncColumn(name: $0.name, type: .text) }
        let definitions = (columns.map { "\(PostgresSync.quote($0.name)) \($0.type.rawValue)" }
            + added.map { "\(PostgresSync.quote($0.name)) \($0.declared) NOT NULL" }).joined(separator: ", ")
        try await connection.query(PostgresQuery(unsafeSQL: "CREATE TEMP TABLE \"_stackq_staging\" (\(definitions)) ON COMMIT PRESERVE ROWS"), logger: logger)
        var rows = 0
        try await connection.copyFrom(table: "_stackq_staging", logger: logger) { writer in
            // The channel hands each event to one iteration: this one gets every event after the columns.
            for try await event in channel {
                guard case .data(let buffer, let count) = event else { continue }
                try await writer.write(buffer)
                rows += count
            }
        }
        try await replace(columns: columns, definitions: definitions, shard: shard, connection: connection)
        return Report(rows: rows, columns: columns + extra, calls: handler.calls, table: "\(schema).\(table)")
    }

    /// In one transaction: the table made (or made anew when its columns differ), this snapshot's rows (or this
    /// shard's) replaced by the staging table's.
    private func replace(columns: [SyncColumn], definitions: String, shard: FanOutShard?,
                         connection: PostgresConnection) async throws {
        let wanted = columns.map { ($0.name, $0.type.rawValue) }
            + PostgresSync.addedColumns(sharded: shard != nil).map { ($0.name, $0.reported) }
        try await connection.query("BEGIN", logger: logger)
        // Syncs of one table take turns; shards of one table may run at once otherwise.
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema + "." + table)))", logger: logger)
        var existing: [(String, String)] = []
        let rows = try await connection.query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_schema = \(schema) AND table_name = \(table) ORDER BY ordinal_position",
            logger: logger)
        for try await (name, type) in rows.decode((String, String).self) { existing.append((name, type)) }
        let same = existing.count == wanted.count && zip(existing, wanted).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        if existing.isEmpty {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(qualifiedName) (\(definitions))"), logger: logger)
        } else if !same {
            if shard != nil {
                throw SyncError("\(schema).\(table) has other columns than this statement gives (\(existing.map(\.0).joined(separator: ", "))); shards fill one table of the same columns — drop it, or sync it without --shard once")
            }
            try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(qualifiedName)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE TABLE \(qualifiedName) (\(definitions))"), logger: logger)
        } else if let shard {
            try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(qualifiedName) WHERE \"_stackq_shard\" = '\(shard)' OR split_part(\"_stackq_shard\", '/', 2) <> '\(shard.count)'"), logger: logger)
        } else {
            try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(qualifiedName)"), logger: logger)
        }
        try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO \(qualifiedName) SELECT * FROM \"_stackq_staging\""), logger: logger)
        try Task.checkCancellation()
        try await connection.query("COMMIT", logger: logger)
    }

    /// The columns a sync adds after the statement's: each name, its type as CREATE TABLE writes it, and as
    /// information_schema reports it (to tell whether an existing table has the same columns).
    static func addedColumns(sharded: Bool) -> [(name: String, declared: String, reported: String)] {
        [("_stackq_synced_at", "timestamptz", "timestamp with time zone")] + (sharded ? [("_stackq_shard", "text", "text")] : [])
    }

    /// `"name"`, quotes doubled.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `2026-12-07 05:50:00.123456+00`.
    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS"
        return formatter.string(from: date) + "+00"
    }
}

/// What the statement hands the loader: the columns once, then rows as COPY text.
enum SyncEvent: Sendable {
    case begin([SyncColumn])
    case data(ByteBuffer, rows: Int)
}

/// Turns the engine's result into ``SyncEvent``s, waiting on the loader (the channel's back-pressure) so rows are
/// never gathered.
final class SyncHandler: ResultHandler {
    private struct State {
        var columns: [ResultSet.Column]?
        var syncColumns: [SyncColumn]?
        var results = 0
        var calls: [CallOutcome] = []
    }

    private let channel: AsyncThrowingChannel<SyncEvent, any Error>
    private let extra: [String]
    private let state = Mutex(State())

    init(channel: AsyncThrowingChannel<SyncEvent, any Error>, syncedAt: String, shard: FanOutShard?) {
        self.channel = channel
        extra = [syncedAt] + (shard.map { ["\($0)"] } ?? [])
    }

    var calls: [CallOutcome] { state.withLock { $0.calls } }

    func columns(_ columns: [ResultSet.Column]) async throws {
        let first = state.withLock { state in
            state.results += 1
            state.columns = columns
            return state.results == 1
        }
        guard first else { throw SyncError("sync takes one statement that returns rows; this script has more") }
    }

    func rows(_ rows: [[SQLValue]]) async throws {
        guard !rows.isEmpty else { return }
        let (columns, began) = try begin(firstRows: rows)
        if !began { await channel.send(.begin(columns)) }
        var buffer = ByteBufferAllocator().buffer(capacity: rows.count * 128)
        for row in rows { CopyText.append(row, columns: columns, extra: extra, to: &buffer) }
        await channel.send(.data(buffer, rows: rows.count))
        try Task.checkCancellation()
    }

    func finished(_ result: ResultSet) async throws {
        state.withLock { $0.calls = result.calls }
    }

    /// The statement is over: a result without rows still makes its (empty) table.
    func end() async throws {
        let (columns, began) = try begin(firstRows: [])
        if !began { await channel.send(.begin(columns)) }
    }

    /// The table's columns, made from the first rows, and whether they were handed on already.
    private func begin(firstRows: [[SQLValue]]) throws -> ([SyncColumn], Bool) {
        try state.withLock { state in
            if let made = state.syncColumns { return (made, true) }
            guard let columns = state.columns, !columns.isEmpty else {
                throw SyncError("sync needs a statement that returns rows (a SELECT)")
            }
            let made = SyncColumn.columns(for: columns, firstRows: firstRows)
            state.syncColumns = made
            return (made, false)
        }
    }
}
