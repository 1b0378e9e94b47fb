import CSQLite

/// A prepared statement; finalized in `deinit`. Lives no longer than its connection (it holds it).
final class SQLiteStatement: RowCursor {
    let connection: SQLiteConnection
    let handle: OpaquePointer
    let sql: String

    init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteError(code: rc, message: rc == SQLITE_OK ? "empty statement" : connection.lastErrorMessage, sql: sql)
        }
        self.connection = connection
        self.handle = statement
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(_ index: Int) -> String {
        sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? "column\(index + 1)"
    }

    /// The declared type of a result column that reads a table column directly (nil for expressions).
    func columnDeclaredType(_ index: Int) -> String? {
        sqlite3_column_decltype(handle, Int32(index)).map { String(cString: $0) }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ value: SQLValue, at index: Int32) throws(SQLiteError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
        case .real(let d): rc = sqlite3_bind_double(handle, index, d)
        case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, SQLITE_TRANSIENT)
        case .blob(let b):
            rc = b.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
        }
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: connection.lastErrorMessage, sql: sql) }
    }

    /// Binds UTF-8 bytes as TEXT without building a `String`.
    func bindText(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        sqlite3_bind_text(handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_TRANSIENT)
    }

    /// Binds UTF-8 bytes as TEXT without copying them: the caller keeps them alive and unchanged until the
    /// statement has been stepped and reset.
    func bindTextNoCopy(_ bytes: UnsafeRawBufferPointer, at index: Int32) {
        sqlite3_bind_text(handle, index, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
    }

    func bindInteger(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bindNull(at index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Advances; true while a row is available.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: rc, message: connection.lastErrorMessage, sql: sql)
        }
    }

    /// The value of a column of the current row.
    func value(at index: Int) -> SQLValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard let pointer = sqlite3_column_text(handle, i) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard let pointer = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }

    /// The current row's cell in this column: text as SQLite's own buffer, valid until the next step or reset.
    func cell(at index: Int) -> RowCell {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_TEXT:
            guard let pointer = sqlite3_column_text(handle, i) else { return .text(UnsafeRawBufferPointer(start: nil, count: 0)) }
            return .text(UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, i))))
        default: return .other
        }
    }

    /// True when the current row's value in this column carries SQLite's JSON subtype (json(), json_extract…).
    func valueHasJSONSubtype(at index: Int) -> Bool {
        guard let value = sqlite3_column_value(handle, Int32(index)) else { return false }
        return sqlite3_value_subtype(value) == 74
    }
}

/// SQLite's "copy the bytes now" destructor, which the C macro SQLITE_TRANSIENT spells as -1.
let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
