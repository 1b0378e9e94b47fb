/// The adaptive limiter of one API host (or of one project on a host whose quota is per project), shared by every
/// statement and connection of an engine (``HostLimiters``).
///
/// It bounds two things. Calls in flight: a window between a floor and a ceiling (`--concurrency`) that halves on
/// 429/RESOURCE_EXHAUSTED or 503 and grows by one with each success (additive increase, multiplicative decrease).
/// And the pace of requests: none until the first 429; then about 4/5 of the successes of the last second (what the
/// quota let through), growing by 0.05 with each success (5 % a second) until the next 429 cuts it again.
/// A throttled answer also pauses the key's requests — 1×, 2×, 4× the retry policy's base delay as throttles
/// follow each other, up to its maximum delay — and a success ends the episode.
///
/// Only an answer to a request sent under the current setting moves it: the others in flight at the time were sent
/// too fast already and say nothing new. While an episode is younger than the budget
/// (``RetryPolicy/backoffBudget``), its throttled answers do not use up the calls' attempts: the limiter, not the
/// call, was wrong.
actor CallLimiter {
    /// The lowest the concurrency window goes.
    let floor: Int
    /// The highest (`--concurrency`).
    let maximum: Int
    /// The concurrency window now.
    private(set) var limit: Int
    private(set) var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Requests a second once a 429 has been seen; nil before.
    private(set) var rate: Double?
    /// The lowest pace it slows to.
    static let minimumRate = 0.5
    /// The share of the last second's successes the pace drops to on a 429.
    static let decrease = 0.8
    private var nextStart: ContinuousClock.Instant
    /// No request of this key starts before this.
    private(set) var pausedUntil: ContinuousClock.Instant
    /// When the throttled answers without a success in between began; nil when the last answer was a success.
    private var episodeStart: ContinuousClock.Instant?
    private var episodeThrottles = 0
    private var lastDecrease: ContinuousClock.Instant
    /// Success times of the last second, oldest first.
    private var recentSuccesses: [ContinuousClock.Instant] = []
    private var recentStart = 0
    private let retry: RetryPolicy
    /// The clock the limiter reads (a test's own, to count without waiting).
    private let now: @Sendable () -> ContinuousClock.Instant

    /// A limiter of `maximum` calls at once (at least 1), no pace, pausing as `retry` says; `rate` starts paced.
    init(maximum: Int, floor: Int = 1, retry: RetryPolicy = RetryPolicy(), rate: Double? = nil,
         now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.maximum = max(1, maximum)
        self.floor = min(max(1, floor), max(1, maximum))
        self.limit = max(1, maximum)
        self.retry = retry
        self.rate = rate
        self.now = now
        let start = now()
        nextStart = start
        pausedUntil = start
        lastDecrease = start - .seconds(3600)
    }

    /// How many callers wait for a slot.
    var waiting: Int { waiters.count }

    /// Waits for a free slot in the concurrency window.
    func acquire() async {
        if inFlight < limit {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Frees a slot, handing it to the next waiter when the window allows.
    func release() {
        inFlight -= 1
        wakeWaiters()
    }

    /// Starts pacing at `learned` (what a sibling project found) unless this limiter has a pace of its own.
    func adopt(_ learned: Double) {
        if rate == nil { rate = learned }
    }

    /// Waits until a request may be sent (the pause is over and the pace allows) and returns the instant it was
    /// let go: give it back to ``succeeded(sentAt:)`` or ``throttled(sentAt:status:retryAfter:)``.
    func permit() async throws -> ContinuousClock.Instant {
        while true {
            let now = now()
            if pausedUntil > now {
                try await Task.sleep(until: pausedUntil, clock: .continuous)
                continue
            }
            guard let rate else { return now }
            let slot = max(now, nextStart)
            nextStart = slot + Self.interval(rate)
            guard slot > now else { return now }
            try await Task.sleep(until: slot, clock: .continuous)
            // Paused while waiting for the slot: the slot is forfeit, wait for the pause.
            if pausedUntil <= self.now() { return self.now() }
        }
    }

    /// A request sent at `sentAt` succeeded: the episode ends, the window grows by one, the pace by 0.05.
    func succeeded(sentAt: ContinuousClock.Instant) {
        let now = now()
        episodeStart = nil
        episodeThrottles = 0
        recentSuccesses.append(now)
        trimRecent(now)
        if let current = rate { rate = current + 0.05 }
        guard limit < maximum else { return }
        limit += 1
        wakeWaiters()
    }

    /// A request sent at `sentAt` was answered 429 or 503 (`retryAfter`: the server's wait, if it gave one). Returns
    /// true when the retry is on the limiter: the episode is younger than the backoff budget.
    @discardableResult
    func throttled(sentAt: ContinuousClock.Instant, status: Int = 429, retryAfter: Duration? = nil) -> Bool {
        let now = now()
        let start = episodeStart ?? now
        episodeStart = start
        let free = now - start < retry.backoffBudget
        guard sentAt >= lastDecrease else { return free }
        lastDecrease = now
        episodeThrottles += 1
        limit = max(floor, limit / 2)
        if status == 429 {
            trimRecent(now)
            let lastSecond = Double(recentSuccesses.count - recentStart)
            let learned = Self.decrease * max(lastSecond, rate ?? 0)
            rate = max(Self.minimumRate, min(rate ?? .infinity, learned))
        }
        let exponent = min(episodeThrottles - 1, 20)
        var pause = min(retry.maximumDelay, retry.baseDelay * (1 << exponent))
        if let retryAfter { pause = max(pause, retryAfter) }
        pausedUntil = max(pausedUntil, now + pause)
        return free
    }

    private func trimRecent(_ now: ContinuousClock.Instant) {
        while recentStart < recentSuccesses.count, now - recentSuccesses[recentStart] > .seconds(1) { recentStart += 1 }
        if recentStart > 1024, recentStart * 2 > recentSuccesses.count {
            recentSuccesses.removeFirst(recentStart)
            recentStart = 0
        }
    }

    private func wakeWaiters() {
        while inFlight < limit, !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }

    static func interval(_ rate: Double) -> Duration {
        .nanoseconds(Int64(1_000_000_000 / max(rate, minimumRate)))
    }
}
