/// The engine's SQLite database: one in-memory connection, owned by this actor.
actor Database {
    /// The declared type given to object and array columns: TEXT affinity, and recognisable in results.
    static let jsonDeclaredType = "JSON_TEXT"

    let connection: SQLiteConnection
    /// Stops the running query when the task that asked for it is cancelled (``query(_:bindings:)``).
    nonisolated let interrupter: SQLiteInterrupter
    /// Prepared INSERTs by table name, kept for the life of the database.
    var insertStatements: [String: SQLiteStatement] = [:]

    init(path: String = ":memory:") throws {
        connection = try SQLiteConnection(path: path)
        interrupter = SQLiteInterrupter(connection)
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        try connection.execute(sql)
    }

    /// Runs one query and collects its rows (``query(_:bindings:)`` is the interruptible way in).
    func runQuery(_ sql: String, bindings: [SQLValue] = []) throws -> ResultSet {
        let statement = try connection.prepare(sql)
        for (i, value) in bindings.enumerated() {
            try statement.bind(value, at: Int32(i + 1))
        }
        let count = statement.columnCount
        var columns = (0..<count).map { i in
            ResultColumn(name: statement.columnName(i), isJSON: statement.columnDeclaredType(i) == Database.jsonDeclaredType)
        }
        var rows: [[SQLValue]] = []
        while try statement.step() {
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
        }
        return ResultSet(columns: columns, rows: rows)
    }
}
