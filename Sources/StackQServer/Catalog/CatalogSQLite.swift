import CSQLite
import Foundation
import StackQ

/// The SQLite connection the catalog answers from: `pg_catalog` and `information_schema` attached as schemas of
/// their own, so `pg_catalog.pg_class` and `information_schema.tables` resolve as written, plus the functions
/// PostgreSQL clients call (``CatalogFunctions``). Not `Sendable`: owned by one ``Catalog`` actor.
final class CatalogSQLite {
    let handle: OpaquePointer
    /// What the SQL functions read about the session running the current query.
    let functions: CatalogFunctions

    init(functions: CatalogFunctions) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
        let rc = sqlite3_open_v2(":memory:", &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open the catalog database"
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: message)
        }
        handle = db
        self.functions = functions
        functions.register(on: db)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        var errorPointer: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorPointer)
        if rc != SQLITE_OK {
            let message = errorPointer.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorPointer)
            throw SQLiteError(code: rc, message: message, sql: sql)
        }
    }

    /// Inserts `rows` into `table` (one prepared INSERT, in one transaction).
    func insert(into table: String, rows: [[SQLValue]]) throws {
        guard let width = rows.first?.count else { return }
        let sql = "INSERT INTO \(table) VALUES (" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        try execute("BEGIN")
        for row in rows {
            for (index, value) in row.enumerated() { bind(value, at: Int32(index + 1), in: statement) }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw error(sql) }
            sqlite3_reset(statement)
        }
        try execute("COMMIT")
    }

    /// Runs one query with `bindings` for `?1`, `?2`, … and returns its columns (name, declared type) and rows.
    func query(_ sql: String, bindings: [SQLValue] = []) throws -> (columns: [(name: String, declaredType: String?)], rows: [[SQLValue]]) {
        let statement = try prepare(sql)
        defer { sqlite3_finalize(statement) }
        for (index, value) in bindings.enumerated() { bind(value, at: Int32(index + 1), in: statement) }
        let count = sqlite3_column_count(statement)
        let columns = (0..<count).map { index in
            (name: String(cString: sqlite3_column_name(statement, index)),
             declaredType: sqlite3_column_decltype(statement, index).map { String(cString: $0) })
        }
        var rows: [[SQLValue]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(sql) }
            rows.append((0..<count).map { CatalogSQLite.value(of: statement, at: $0) })
        }
        return (columns, rows)
    }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw error(sql)
        }
        return statement
    }

    private func error(_ sql: String) -> SQLiteError {
        SQLiteError(code: sqlite3_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    private func bind(_ value: SQLValue, at index: Int32, in statement: OpaquePointer) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let i): sqlite3_bind_int64(statement, index, i)
        case .real(let d): sqlite3_bind_double(statement, index, d)
        case .text(let s): sqlite3_bind_text(statement, index, s, -1, transient)
        case .blob(let b): _ = b.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    static func value(of statement: OpaquePointer, at index: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(statement, index)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, index))
            guard count > 0, let pointer = sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }
}
