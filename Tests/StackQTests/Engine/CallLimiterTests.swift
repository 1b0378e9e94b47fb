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

    @Test func throttlingHalvesTheLimitOncePerBurstAndSuccessesGrowItBack() async {
        let clock = ManualClock()
        let limiter = CallLimiter(maximum: 16, now: { clock.now })
        #expect(await limiter.limit == 16)
        await limiter.throttled()
        #expect(await limiter.limit == 8)
        // More 429s of the same burst (within 200 ms) halve it no further.
        clock.advance(.milliseconds(199))
        await limiter.throttled()
        #expect(await limiter.limit == 8)
        // A 429 after the window is a new burst.
        clock.advance(.milliseconds(2))
        await limiter.throttled()
        #expect(await limiter.limit == 4)
        for _ in 0..<20 { await limiter.succeeded() }
        #expect(await limiter.limit == 16)
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
