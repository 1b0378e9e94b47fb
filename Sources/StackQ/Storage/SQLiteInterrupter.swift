import CSQLite
import Synchronization

/// Stops whatever statement a connection is running, from any thread (`sqlite3_interrupt`); the statement fails
/// with `SQLITE_INTERRUPT`.
final class SQLiteInterrupter: @unchecked Sendable {
    // Unchecked Sendable: SQLite documents sqlite3_interrupt as safe to call from any thread while the connection
    // is open, and it does nothing when no statement runs. The Database that owns the connection owns this too and
    // only calls it while one of its own queries is awaited, so the connection is open whenever it is called.
    private let handle: OpaquePointer
    /// Whether a query is inside `sqlite3_step` now, rather than waiting for its consumer between chunks.
    private let stepping = Mutex(false)

    init(_ connection: SQLiteConnection) {
        handle = connection.handle
    }

    /// Interrupts the query that is stepping now. A query waiting between chunks is left alone: SQLite would
    /// keep the interrupt pending until that statement ends and fail every other statement started meanwhile;
    /// such a query sees the cancellation itself when it resumes.
    func interrupt() {
        stepping.withLock { stepping in
            if stepping { sqlite3_interrupt(handle) }
        }
    }

    /// Marks the start (true) or the end (false) of a stretch of stepping.
    func setStepping(_ value: Bool) {
        stepping.withLock { $0 = value }
    }
}
