/// The bound on calls in flight for one statement, shared by every stage. It halves when the API answers 429
/// and grows back by one with each success, up to the configured concurrency (additive increase, multiplicative
/// decrease), so a throttled service is not hammered at full speed by every retry.
actor CallLimiter {
    let maximum: Int
    private(set) var limit: Int
    private(set) var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// The clock the 200 ms window of ``throttled()`` is read from (a test's own, to count without waiting).
    private let now: @Sendable () -> ContinuousClock.Instant
    private var lastDecrease: ContinuousClock.Instant

    init(maximum: Int, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.maximum = max(1, maximum)
        self.limit = max(1, maximum)
        self.now = now
        self.lastDecrease = now() - .seconds(10)
    }

    /// How many callers wait for a slot.
    var waiting: Int { waiters.count }

    /// Waits for a free slot.
    func acquire() async {
        if inFlight < limit {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Frees a slot, handing it to the next waiter when the limit allows.
    func release() {
        inFlight -= 1
        wakeWaiters()
    }

    /// The API said 429: halve the limit (at most once per 200 ms, so one burst halves it once).
    func throttled() {
        let now = now()
        guard now - lastDecrease > .milliseconds(200) else { return }
        lastDecrease = now
        limit = max(1, limit / 2)
    }

    /// A request succeeded: grow the limit back by one.
    func succeeded() {
        guard limit < maximum else { return }
        limit += 1
        wakeWaiters()
    }

    private func wakeWaiters() {
        while inFlight < limit, !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }
}
