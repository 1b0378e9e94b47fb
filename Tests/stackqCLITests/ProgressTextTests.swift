import StackQ
import Testing
@testable import stackq
import StackQCommandLine

/// What the live progress line and the `--stats` line say about a long, throttled fan-out (issue 31).
@Suite struct ProgressTextTests {
    @Test func theLiveLineCountsRetriesThrottledTimeAndEstimatesTheRest() {
        var snapshot = CallProgress.Snapshot()
        snapshot.callsDone = 500
        snapshot.callsTotal = 2000
        snapshot.pages = 500
        snapshot.rows = 1000
        snapshot.retries = 37
        snapshot.throttledSeconds = 2.14
        #expect(ProgressLine.text(snapshot, elapsed: .seconds(4)) ==
                "calls 500/2000, pages 500, rows 1000, retries 37, throttled 2.1 s, 4.0 s, about 12 s left")
    }

    @Test func aQuietStatementShowsNeitherRetriesNorThrottling() {
        var snapshot = CallProgress.Snapshot()
        snapshot.callsTotal = 1
        #expect(ProgressLine.text(snapshot, elapsed: .milliseconds(600)) == "calls 0/1, pages 0, rows 0, 0.6 s")
    }

    @Test func statsAddTheThrottledTimeAndTheLimitersFinalConcurrency() {
        var snapshot = CallProgress.Snapshot()
        snapshot.throttledSeconds = 1.5
        snapshot.concurrency = 8
        let calls = [CallOutcome(qualifiedMethodName: "m", retries: 2, pages: 1, rows: 3)]
        #expect(ScriptRunner.statsLine(calls, elapsed: .seconds(2), progress: snapshot) ==
                "1 call, 1 page, 3 rows, 1 retried, 0 failed, 2.00 s, throttled 1.50 s, concurrency 8")
        #expect(ScriptRunner.statsLine(calls, elapsed: .seconds(2)) == "1 call, 1 page, 3 rows, 1 retried, 0 failed, 2.00 s")
    }
}
