import Synchronization

/// Counters of a running statement (calls done of total, pages, rows, retries), read by the CLI's progress line.
public final class CallProgress: Sendable {
    public struct Snapshot: Sendable, Hashable {
        public var callsDone = 0
        public var callsTotal = 0
        public var pages = 0
        public var rows = 0
        /// Requests sent again after a 429, 5xx or connection error (counted when their call is done).
        public var retries = 0

        public init() {}
    }

    let state = Mutex(Snapshot())

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
