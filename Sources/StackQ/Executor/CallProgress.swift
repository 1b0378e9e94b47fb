import Synchronization

/// Counters of a running statement (calls done of total, pages, rows, retries), read by the CLI's progress line.
public final class CallProgress: Sendable {
    /// The counters at one moment.
    public struct Snapshot: Sendable, Hashable {
        /// Calls finished, whether they succeeded or failed.
        public var callsDone = 0
        /// Calls planned so far. It grows as each stage starts: a resource whose parameters come from another's rows is
        /// planned after that one's calls are done.
        public var callsTotal = 0
        /// Response pages received, over all calls.
        public var pages = 0
        /// Rows those pages put in the statement's tables.
        public var rows = 0
        /// Requests sent again after a 429, 5xx or connection error (counted when their call is done).
        public var retries = 0

        /// Every counter at zero.
        public init() {}
    }

    let state = Mutex(Snapshot())

    /// Counters at zero; the engine adds to them while a statement runs.
    public init() {}

    /// The counters now.
    public var snapshot: Snapshot { state.withLock { $0 } }

    func add(callsTotal: Int = 0, callsDone: Int = 0, pages: Int = 0, rows: Int = 0, retries: Int = 0) {
        state.withLock {
            $0.callsTotal += callsTotal
            $0.callsDone += callsDone
            $0.pages += pages
            $0.rows += rows
            $0.retries += retries
        }
    }
}
