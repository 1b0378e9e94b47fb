/// The engine's SQLite database: one in-memory connection, owned by this actor, with the user store
/// (``UserStore``) attached as `store`.
actor Database {
    /// The declared type given to object and array columns: TEXT affinity, and recognisable in results.
    static let jsonDeclaredType = "JSON_TEXT"

    let connection: SQLiteConnection
    /// Stops the running query when the task that asked for it is cancelled (``query(_:bindings:)``).
    nonisolated let interrupter: SQLiteInterrupter
    /// The names of the user's tables and views, for the shell's completion.
    nonisolated let storeNames = StoreNames()
    /// Prepared INSERTs by table name, kept for the life of the database.
    var insertStatements: [String: SQLiteStatement] = [:]

    /// An in-memory database; the user store is the file at `storePath` (`--db`), or in memory when it is nil.
    init(storePath: String? = nil) throws {
        connection = try SQLiteConnection(path: ":memory:")
        interrupter = SQLiteInterrupter(connection)
        try UserStore.attach(to: connection, path: storePath)
        storeNames.set(StoreNames.read(from: connection))
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        try connection.execute(sql)
    }

    /// Runs one query and collects its rows (``query(_:bindings:)`` is the interruptible way in).
    ///
    /// A column is marked JSON when its declared type says so or when any of its values carries SQLite's JSON
    /// subtype.
    func runQuery(_ sql: String, bindings: [SQLValue] = []) async throws -> ResultSet {
        var columns: [ResultSet.Column] = []
        var rows: [[SQLValue]] = []
        try await runQuery(sql, bindings: bindings, chunkSize: 4096) { chunkColumns, chunk in
            if columns.isEmpty {
                columns = chunkColumns
            } else {
                for i in columns.indices where chunkColumns[i].isJSON { columns[i].isJSON = true }
            }
            rows += chunk
        }
        return ResultSet(columns: columns, rows: rows)
    }

    /// Runs one query and hands its rows on in chunks of up to `chunkSize`, in order, as SQLite produces them;
    /// `deliver` is called at least once (with no rows for an empty result). Each chunk's columns are marked JSON
    /// by their declared type or by a JSON subtype among that chunk's values.
    func runQuery(_ sql: String, bindings: [SQLValue], chunkSize: Int,
                  deliver: ([ResultSet.Column], [[SQLValue]]) async throws -> Void) async throws {
        let statement = try prepare(sql, bindings: bindings)
        let declared = declaredColumns(of: statement)
        let count = declared.count
        var columns = declared
        var rows: [[SQLValue]] = []
        rows.reserveCapacity(min(chunkSize, 4096))
        try await stepInChunks(statement) { statement in
            var row: [SQLValue] = []
            row.reserveCapacity(count)
            for i in 0..<count {
                let value = statement.value(at: i)
                if case .text = value, !columns[i].isJSON, statement.valueHasJSONSubtype(at: i) {
                    columns[i].isJSON = true
                }
                row.append(value)
            }
            rows.append(row)
            return rows.count >= chunkSize
        } flush: {
            try await deliver(columns, rows)
            rows.removeAll(keepingCapacity: true)
            columns = declared
        }
    }

    /// `sql` prepared, with `bindings` bound to its parameters in order.
    func prepare(_ sql: String, bindings: [SQLValue]) throws -> SQLiteStatement {
        let statement = try connection.prepare(sql)
        for (i, value) in bindings.enumerated() {
            try statement.bind(value, at: Int32(i + 1))
        }
        return statement
    }

    /// The statement's result columns, marked JSON by their declared type.
    func declaredColumns(of statement: SQLiteStatement) -> [ResultSet.Column] {
        (0..<statement.columnCount).map { i in
            let declared = statement.columnDeclaredType(i)
            return ResultSet.Column(name: statement.columnName(i), isJSON: declared == Database.jsonDeclaredType, declaredType: declared)
        }
    }

    /// Steps `statement` to its end: `row` takes each row and says when a chunk is full; `flush` hands the chunk on,
    /// outside the stretches SQLite is interrupted in (``SQLiteInterrupter``). `flush` is called at least once: at
    /// the end for what is left, or for nothing when no chunk was handed on.
    func stepInChunks(_ statement: SQLiteStatement, row: (SQLiteStatement) -> Bool,
                      flush: () async throws -> Void) async throws {
        var pending = false
        var flushed = false
        interrupter.beginStepping()
        defer { interrupter.setStepping(false) }
        while try statement.step() {
            pending = true
            if row(statement) {
                interrupter.setStepping(false)
                try await flush()
                // A cancellation that came while the consumer had the chunk did not interrupt SQLite: stop here.
                try Task.checkCancellation()
                interrupter.beginStepping()
                flushed = true
                pending = false
            }
        }
        interrupter.setStepping(false)
        if pending || !flushed { try await flush() }
    }
}
