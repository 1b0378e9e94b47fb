/// The current row of a running query, read a cell at a time from where the database holds it: what Output writes
/// rows from without a ``SQLValue`` or `String` per plain cell, and without knowing which database it reads.
///
/// A cursor is valid until the query steps on; the bytes of a ``RowCell/text(_:)`` cell are the database's own
/// buffer, valid as long as the row.
///
/// ```swift
/// switch cursor.cell(at: 0) {
/// case .null: out += "NULL".utf8
/// case .integer(let n): ResultFormatter.appendDecimal(n, to: &out)
/// case .text(let bytes): out += bytes
/// case .other: out += ResultFormatter(format: .csv).cell(cursor.value(at: 0)).utf8
/// }
/// ```
protocol RowCursor {
    /// How many columns each row has.
    var columnCount: Int { get }
    /// The cell in column `index` of the current row, without copying text.
    func cell(at index: Int) -> RowCell
    /// The cell as a value (a copy): for cells a writer does not write from ``cell(at:)``.
    func value(at index: Int) -> SQLValue
    /// True when the cell is text that the query marked as JSON (SQLite's JSON subtype: `json()`, `json_extract`…).
    func valueHasJSONSubtype(at index: Int) -> Bool
}

/// One cell of a ``RowCursor``'s current row, as stored.
enum RowCell {
    case null
    case integer(Int64)
    /// UTF-8 bytes as stored (not checked), valid until the cursor steps on.
    case text(UnsafeRawBufferPointer)
    /// A real or a blob: read it with ``RowCursor/value(at:)``.
    case other
}
