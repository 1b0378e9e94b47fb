extension Database {
    /// Runs one query and collects its rows. Cancelling the calling task interrupts SQLite mid-query (a long
    /// join or a runaway recursive CTE stops at once, failing with `SQLITE_INTERRUPT`).
    nonisolated func query(_ sql: String, bindings: [SQLValue] = []) async throws -> ResultSet {
        try await withTaskCancellationHandler {
            try await runQuery(sql, bindings: bindings)
        } onCancel: {
            interrupter.interrupt()
        }
    }

    /// Runs one query and hands its rows to `deliver` in chunks (see ``runQuery(_:bindings:chunkSize:deliver:)``),
    /// interruptible like ``query(_:bindings:)``.
    nonisolated func query(_ sql: String, bindings: [SQLValue] = [], chunkSize: Int,
                           deliver: @escaping @Sendable ([ResultSet.Column], [[SQLValue]]) async throws -> Void) async throws {
        try await withTaskCancellationHandler {
            try await runQuery(sql, bindings: bindings, chunkSize: chunkSize, deliver: deliver)
        } onCancel: {
            interrupter.interrupt()
        }
    }
}
