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
