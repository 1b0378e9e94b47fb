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
        /// How long some call of the statement was held back by an API host's limiter (its pause after a 429 or
        /// 503, or its pace under a quota), in seconds.
        public var throttledSeconds = 0.0
        /// The concurrency the hosts' limiters had when the statement ended (the lowest of them); nil until then.
        public var concurrency: Int?

        /// Every counter at zero.
        public init() {}
    }

    let state = Mutex(Snapshot())
    /// Calls held back now, and since when some have been.
    private let held = Mutex<(count: Int, since: ContinuousClock.Instant)>((0, .now))

    /// Counters at zero; the engine adds to them while a statement runs.
    public init() {}

    /// The counters now.
    public var snapshot: Snapshot {
        var snapshot = state.withLock { $0 }
        let (count, since) = held.withLock { $0 }
        if count > 0 { snapshot.throttledSeconds += CallProgress.seconds(.now - since) }
        return snapshot
    }

    /// A call waits for its limiter (wall time counts once however many wait).
    func hold() {
        held.withLock { held in
            if held.count == 0 { held.since = .now }
            held.count += 1
        }
    }

    /// A call's wait for its limiter is over.
    func release() {
        let ended: Duration? = held.withLock { held in
            held.count -= 1
            return held.count == 0 ? .now - held.since : nil
        }
        if let ended { state.withLock { $0.throttledSeconds += CallProgress.seconds(ended) } }
    }

    func finish(concurrency: Int?) {
        state.withLock { $0.concurrency = concurrency }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

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
