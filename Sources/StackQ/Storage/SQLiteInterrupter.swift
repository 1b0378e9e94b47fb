import CSQLite

/// Stops whatever statement a connection is running, from any thread (`sqlite3_interrupt`); the statement fails
/// with `SQLITE_INTERRUPT`.
final class SQLiteInterrupter: @unchecked Sendable {
    // Unchecked Sendable: SQLite documents sqlite3_interrupt as safe to call from any thread while the connection
    // is open, and it does nothing when no statement runs. The Database that owns the connection owns this too and
    // only calls it while one of its own queries is awaited, so the connection is open whenever it is called.
    private let handle: OpaquePointer

    init(_ connection: SQLiteConnection) {
        handle = connection.handle
    }

    func interrupt() {
        sqlite3_interrupt(handle)
    }
}
