import CSQLite
import Synchronization

/// Stops whatever statement a connection is running, from any thread; the statement fails with `SQLITE_INTERRUPT`.
///
/// Two mechanisms together: `sqlite3_interrupt` stops a statement inside `sqlite3_step` at once, and a progress
/// handler (every 1,000 virtual-machine steps) stops one that had not started running when the interrupt came —
/// `sqlite3_interrupt` does nothing while no statement runs, so a cancellation that arrived just before the first
/// step would otherwise let the query run to its end.
final class SQLiteInterrupter: @unchecked Sendable {
    // Unchecked Sendable: SQLite documents sqlite3_interrupt as safe to call from any thread while the connection
    // is open, and it does nothing when no statement runs. The Database that owns the connection owns this too and
    // only calls it while one of its own queries is awaited, so the connection is open whenever it is called.
    private let handle: OpaquePointer
    /// Whether a query is inside `sqlite3_step` now, rather than waiting for its consumer between chunks.
    private let stepping = Mutex(false)
    /// Set by ``interrupt()`` during a stretch of stepping, read by the progress handler, cleared when it ends.
    private let interrupted = Atomic(false)

    init(_ connection: SQLiteConnection) {
        handle = connection.handle
        // The Database owns both this and the connection, and steps only while it lives.
        sqlite3_progress_handler(handle, 1000, { context in
            guard let context else { return 0 }
            let interrupter = Unmanaged<SQLiteInterrupter>.fromOpaque(context).takeUnretainedValue()
            return interrupter.interrupted.load(ordering: .relaxed) ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Interrupts the query that is stepping now. A query waiting between chunks is left alone: SQLite would
    /// keep the interrupt pending until that statement ends and fail every other statement started meanwhile;
    /// such a query sees the cancellation itself when it resumes.
    func interrupt() {
        stepping.withLock { stepping in
            guard stepping else { return }
            interrupted.store(true, ordering: .relaxed)
            sqlite3_interrupt(handle)
        }
    }

    /// Marks the start (true) or the end (false) of a stretch of stepping.
    func setStepping(_ value: Bool) {
        stepping.withLock { stepping in
            stepping = value
            if !value { interrupted.store(false, ordering: .relaxed) }
        }
    }

    /// Marks the start of a stretch of stepping for the current task. When that task was cancelled already (its
    /// cancellation handler found nothing stepping), the query is interrupted now and fails at its first steps
    /// instead of running to its end.
    func beginStepping() {
        setStepping(true)
        if Task.isCancelled { interrupt() }
    }
}
