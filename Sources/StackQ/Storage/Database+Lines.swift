import CSQLite

extension Database {
    /// Runs one query and writes its rows with `writer` (any format: ``ResultWriter/write(rowOf:to:)``)
    /// straight from SQLite's own buffers — no ``SQLValue`` or `String` per plain cell — handing the lines on in
    /// chunks of about `chunkBytes` bytes, in order, and the writer's end last (a table's head and rules);
    /// `deliver` is called at least once. The bytes are those ``ResultWriter/write(_:)`` and
    /// ``ResultWriter/end(message:)`` write for the rows' values; the writer's begin (a header line) is left to
    /// the caller.
    ///
    /// The columns handed on carry their declared JSON marks only. (CSV and text write JSON as its text; JSON
    /// output nests a text value when its column is declared JSON or the value carries SQLite's JSON subtype.)
    func runQuery(_ sql: String, bindings: [SQLValue], lines writer: ResultWriter, chunkBytes: Int,
                  deliver: ([ResultSet.Column], [UInt8]) async throws -> Void) async throws {
        let statement = try prepare(sql, bindings: bindings)
        let columns = declaredColumns(of: statement)
        var writer = writer
        writer.start(columns)
        var out: [UInt8] = []
        out.reserveCapacity(chunkBytes + chunkBytes / 4)
        try await stepInChunks(statement) { statement in
            writer.write(rowOf: statement, to: &out)
            return out.count >= chunkBytes
        } flush: {
            try await deliver(columns, out)
            out.removeAll(keepingCapacity: true)
        }
        let end = writer.end(message: nil)
        if !end.isEmpty { try await deliver(columns, end) }
    }

    /// ``runQuery(_:bindings:lines:chunkBytes:deliver:)``, interruptible like ``query(_:bindings:)``.
    nonisolated func query(_ sql: String, bindings: [SQLValue] = [], lines writer: ResultWriter, chunkBytes: Int,
                           deliver: @escaping @Sendable ([ResultSet.Column], [UInt8]) async throws -> Void) async throws {
        try await withTaskCancellationHandler {
            try await runQuery(sql, bindings: bindings, lines: writer, chunkBytes: chunkBytes, deliver: deliver)
        } onCancel: {
            interrupter.interrupt()
        }
    }
}

extension ResultFormatter {
    /// One CSV or text line of the statement's current row, read from SQLite's buffers: the bytes
    /// ``delimitedLine(_:separator:quote:to:)`` writes for the row's values. Text that is all ASCII is written
    /// from SQLite's buffer; other text goes through `String` (which repairs invalid UTF-8 as the values do).
    func delimitedLine(of statement: SQLiteStatement, columns: Int, separator: UInt8, quote: Bool, to out: inout [UInt8]) {
        let handle = statement.handle
        for i in 0..<columns {
            if i > 0 { out.append(separator) }
            let column = Int32(i)
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: continue
            case SQLITE_INTEGER: ResultFormatter.appendDecimal(sqlite3_column_int64(handle, column), to: &out)
            case SQLITE_TEXT:
                guard let bytes = statement.textBytes(at: i) else { continue }
                if PrintableASCII.isASCII(bytes) {
                    if quote { csvField(bytes, to: &out) } else { textField(bytes, to: &out) }
                } else {
                    let text = String(decoding: bytes, as: UTF8.self)
                    if quote { csvField(text, to: &out) } else { textField(text, to: &out) }
                }
            default:
                let text = statement.value(at: i).textValue ?? ""
                if quote { csvField(text, to: &out) } else { textField(text, to: &out) }
            }
        }
        out.append(0x0A)
    }
}

extension ResultFormatter {
    /// The statement's current row as a JSON object whose member names are `keys`, read from SQLite's buffers:
    /// the bytes ``object(_:columns:keys:to:)`` writes for the row's values, a text value being nested JSON when
    /// its column is declared JSON or the value itself carries SQLite's JSON subtype. Text that is all ASCII is
    /// written from SQLite's buffer; other values go through ``SQLValue`` (which repairs invalid UTF-8).
    func object(of statement: SQLiteStatement, columns: [ResultSet.Column], keys: [[UInt8]], to out: inout [UInt8]) {
        let handle = statement.handle
        out.append(UInt8(ascii: "{"))
        for i in columns.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: keys[i])
            let column = Int32(i)
            switch sqlite3_column_type(handle, column) {
            case SQLITE_NULL: out.append(contentsOf: "null".utf8)
            case SQLITE_INTEGER: ResultFormatter.appendDecimal(sqlite3_column_int64(handle, column), to: &out)
            case SQLITE_TEXT:
                let nested = columns[i].isJSON || statement.valueHasJSONSubtype(at: i)
                if let bytes = statement.textBytes(at: i), PrintableASCII.isASCII(bytes) {
                    if nested, MinifiedJSON.append(json: bytes, to: &out) { continue }
                    JSONValue.writeString(utf8: bytes, to: &out)
                } else {
                    ResultFormatter.writeJSON(statement.value(at: i), nested: nested, to: &out)
                }
            default:
                ResultFormatter.writeJSON(statement.value(at: i), nested: false, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
