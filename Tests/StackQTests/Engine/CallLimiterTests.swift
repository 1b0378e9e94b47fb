import Synchronization
import Testing
@testable import StackQ

/// The statement-wide bound on calls in flight: it halves on 429 and grows back on success.
@Suite struct CallLimiterTests {
    /// A clock that moves only when the test says.
    final class ManualClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
        func advance(_ duration: Duration) { instant.withLock { $0 += duration } }
    }

    /// Only an answer to a request sent under the current setting moves it: the others of the same burst were
    /// sent too fast already. Successes grow the window back, one each, up to the ceiling.
    @Test func throttlingHalvesTheWindowOncePerBurstAndSuccessesGrowItBack() async {
        let clock = ManualClock()
        let limiter = CallLimiter(maximum: 16, now: { clock.now })
        #expect(await limiter.limit == 16)
        let burst = clock.now
        clock.advance(.milliseconds(5))
        await limiter.throttled(sentAt: burst, status: 503)
        #expect(await limiter.limit == 8)
        // More answers to requests of the same burst halve it no further.
        clock.advance(.milliseconds(5))
        await limiter.throttled(sentAt: burst, status: 503)
        #expect(await limiter.limit == 8)
        // A request sent after the decrease and throttled again is a new signal.
        let later = clock.now
        clock.advance(.milliseconds(5))
        await limiter.throttled(sentAt: later, status: 503)
        #expect(await limiter.limit == 4)
        for _ in 0..<20 { await limiter.succeeded(sentAt: clock.now) }
        #expect(await limiter.limit == 16)
        // 503 says nothing about a quota: no pace.
        #expect(await limiter.rate == nil)
    }

    /// The first 429 sets the pace to 4/5 of what the last second let through; successes raise it again.
    @Test func aQuotaSetsThePaceFromTheLastSecondsSuccesses() async {
        let clock = ManualClock()
        let limiter = CallLimiter(maximum: 16, now: { clock.now })
        for _ in 0..<200 {
            await limiter.succeeded(sentAt: clock.now)
            clock.advance(.milliseconds(1))
        }
        await limiter.throttled(sentAt: clock.now, status: 429)
        #expect(await limiter.rate == 160)
        // The window is exhausted: the next probes are refused too, and the pace stays (the last second still let 200 through).
        clock.advance(.milliseconds(200))
        await limiter.throttled(sentAt: clock.now, status: 429)
        #expect(await limiter.rate == 160)
        await limiter.succeeded(sentAt: clock.now)
        #expect(await limiter.rate == 160 + 0.05)
    }

    /// Throttled answers are the limiter's to retry while the episode is younger than the budget; a success ends it.
    @Test func retriesAreOnTheLimiterOnlyWithinTheBudget() async {
        let clock = ManualClock()
        var retry = RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10), maximumDelay: .seconds(1))
        retry.backoffBudget = .seconds(2)
        let limiter = CallLimiter(maximum: 4, retry: retry, now: { clock.now })
        #expect(await limiter.throttled(sentAt: clock.now, status: 503))
        #expect(await limiter.pausedUntil == clock.now + .milliseconds(10))
        clock.advance(.milliseconds(1500))
        #expect(await limiter.throttled(sentAt: clock.now, status: 503))
        // The second throttle in a row pauses twice as long.
        #expect(await limiter.pausedUntil == clock.now + .milliseconds(20))
        clock.advance(.milliseconds(600))
        #expect(await limiter.throttled(sentAt: clock.now, status: 503) == false)
        await limiter.succeeded(sentAt: clock.now)
        #expect(await limiter.throttled(sentAt: clock.now, status: 503))
        #expect(await limiter.limit == 1)
    }

    /// Holds each caller inside its slot until the test lets one go.
    actor Gate {
        private(set) var inside = 0
        private(set) var highest = 0
        /// Callers that have left and given their slot back.
        private(set) var finished = 0
        private var held: [CheckedContinuation<Void, Never>] = []

        func finish() { finished += 1 }

        func enter() async {
            inside += 1
            highest = max(highest, inside)
            await withCheckedContinuation { held.append($0) }
            inside -= 1
        }

        func openOne() -> Bool {
            guard !held.isEmpty else { return false }
            held.removeFirst().resume()
            return true
        }

        var holding: Int { held.count }
    }

    /// Twenty callers under a limit of three: exactly three are inside at once while the others wait, and as
    /// each leaves the next comes in — never a fourth.
    @Test(.timeLimit(.minutes(1)))
    func exactlyTheLimitRunAtOnce() async {
        let limiter = CallLimiter(maximum: 3)
        let gate = Gate()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await limiter.acquire()
                    await gate.enter()
                    await limiter.release()
                    await gate.finish()
                }
            }
            var released = 0
            while released < 20 {
                while true {
                    let holding = await gate.holding
                    let waiting = await limiter.waiting
                    let finished = await gate.finished
                    if finished == released, holding == min(3, 20 - released), waiting + holding == 20 - released { break }
                    await Task.yield()
                }
                #expect(await gate.inside == min(3, 20 - released))
                #expect(await limiter.inFlight == min(3, 20 - released))
                _ = await gate.openOne()
                released += 1
            }
        }
        #expect(await gate.highest == 3)
    }
}
