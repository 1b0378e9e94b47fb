import Testing
@testable import StackQ

/// The statement-wide bound on calls in flight: it halves on 429 and grows back on success.
@Suite struct CallLimiterTests {
    @Test func throttlingHalvesTheLimitAndSuccessesGrowItBack() async {
        let limiter = CallLimiter(maximum: 16)
        #expect(await limiter.limit == 16)
        await limiter.throttled()
        #expect(await limiter.limit == 8)
        // A burst of 429s within 200 ms halves it once.
        await limiter.throttled()
        #expect(await limiter.limit == 8)
        for _ in 0..<20 { await limiter.succeeded() }
        #expect(await limiter.limit == 16)
    }

    @Test func noMoreThanTheLimitRunAtOnce() async {
        let limiter = CallLimiter(maximum: 3)
        actor Peak {
            var current = 0, highest = 0
            func enter() { current += 1; highest = max(highest, current) }
            func leave() { current -= 1 }
        }
        let peak = Peak()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await limiter.acquire()
                    await peak.enter()
                    await Task.yield()
                    await peak.leave()
                    await limiter.release()
                }
            }
        }
        #expect(await peak.highest <= 3)
        #expect(await peak.highest >= 1)
    }
}
