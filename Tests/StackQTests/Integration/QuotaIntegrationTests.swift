import Foundation
import StackQ
import StackQEmulator
import StackQTesting
import Testing

/// An organisation-wide fan-out against a service with a quota: the engine's limiters find the pace instead of
/// failing calls (issue 31). Counts only, never time.
@Suite struct QuotaIntegrationTests {
    static let locations = ["us-central1", "europe-west1", "us-east1", "asia-east1"]

    /// `SELECT … WHERE projectsId IN (demo, demo-2, …) AND locationsId IN (…)`: one list call per pair.
    static func fanOut(projects: Int, select: String = "count(*)") -> String {
        let projectList = (0..<projects).map { "'\($0 == 0 ? "demo" : "demo-\($0 + 1)")'" }.joined(separator: ", ")
        let locationList = locations.map { "'\($0)'" }.joined(separator: ", ")
        return "SELECT \(select) FROM google.dataproc.sessions WHERE projectsId IN (\(projectList)) AND locationsId IN (\(locationList))"
    }

    /// The retries of a real run, shorter: a 1 s ceiling on each wait, so a 3 s backoff budget.
    static let retry = RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(50), maximumDelay: .seconds(1))

    /// 500 projects × 4 locations = 2,000 list calls against 200 calls a second (429 beyond, no Retry-After):
    /// every row, no call failed, and fewer than a quarter of the requests were refused.
    @Test(.timeLimit(.minutes(3)))
    func twoThousandCallsUnderAServiceQuotaAllSucceed() async throws {
        try await EmulatorHarness.with({ $0.quota = Quota(callsPerSecond: 200) },
                                       generate: GenerateSpec(sessions: 4000, projects: 500, locations: 4)) { harness in
            try await harness.withEngine(configure: { $0.retry = QuotaIntegrationTests.retry; $0.concurrency = 16 }) { engine in
                let result = try #require(try await engine.execute(QuotaIntegrationTests.fanOut(projects: 500)).last)
                #expect(result.rows.map { $0.map(\.textValue) } == [["4000"]])
                #expect(result.calls.count == 2000)
                #expect(result.calls.filter { !$0.succeeded }.isEmpty)
                let counts = await harness.requests("projects_locations_sessions_list")
                let refused = counts["429"] ?? 0
                #expect(counts["200"] == 2000)
                #expect(refused > 0, "the quota was never reached: the test proves nothing")
                #expect(refused * 4 < 2000, "\(refused) answers of 429")
                #expect(result.calls.map(\.throttled).reduce(0, +) == refused)
            }
        }
    }

    /// 300 answers of 503 in a row (a storm) for 40 calls of at most 3 attempts each: attempts alone would give out
    /// after 120 requests, but retries while the limiter backs off are on it; every row comes.
    @Test(.timeLimit(.minutes(2)))
    func aStormOf503sIsSatOutWithoutFailingCalls() async throws {
        var retry = RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(5))
        retry.backoffBudget = .seconds(60)
        try await EmulatorHarness.with({ $0.unavailableStorm = 300 },
                                       generate: GenerateSpec(sessions: 80, projects: 10, locations: 4)) { harness in
            try await harness.withEngine(configure: { $0.retry = retry }) { engine in
                let result = try #require(try await engine.execute(QuotaIntegrationTests.fanOut(projects: 10)).last)
                #expect(result.rows.map { $0.map(\.textValue) } == [["80"]])
                #expect(result.calls.filter { !$0.succeeded }.isEmpty)
                let counts = await harness.requests("projects_locations_sessions_list")
                #expect(counts["503"] == 300)
                #expect(counts["200"] == 40)
            }
        }
    }

    /// The budget spent, a storm's answers count as attempts again: a service that never recovers fails the calls.
    @Test(.timeLimit(.minutes(2)))
    func aStormLongerThanTheBudgetFailsTheCalls() async throws {
        var retry = RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(2))
        retry.backoffBudget = .milliseconds(30)
        try await EmulatorHarness.with({ $0.unavailableStorm = 1_000_000 }) { harness in
            try await harness.withEngine(configure: { $0.retry = retry }) { engine in
                await #expect(throws: (any Error).self) {
                    _ = try await engine.execute(QuotaIntegrationTests.fanOut(projects: 1))
                }
            }
        }
    }

    /// A quota per project (Google's message says "per project"): each project is paced on its own, and projects met
    /// later start at the pace learned on the first ones.
    @Test(.timeLimit(.minutes(2)))
    func aProjectQuotaIsPacedPerProject() async throws {
        try await EmulatorHarness.with({ $0.quota = Quota(callsPerSecond: 2, scope: .project) },
                                       generate: GenerateSpec(sessions: 80, projects: 20, locations: 4)) { harness in
            try await harness.withEngine(configure: { $0.retry = QuotaIntegrationTests.retry }) { engine in
                let result = try #require(try await engine.execute(QuotaIntegrationTests.fanOut(projects: 20)).last)
                #expect(result.rows.map { $0.map(\.textValue) } == [["80"]])
                #expect(result.calls.filter { !$0.succeeded }.isEmpty)
                let counts = await harness.requests("projects_locations_sessions_list")
                #expect(counts["200"] == 80)
                #expect((counts["429"] ?? 0) * 4 < 80, "\(counts["429"] ?? 0) answers of 429")
            }
        }
    }

    /// A project whose every call fails (403) fails the statement and is named; with allowPartial the other
    /// projects' rows come and the result says it is partial.
    @Test func aProjectWhoseCallsAllFailIsNamed() async throws {
        try await EmulatorHarness.with({ $0.deniedProjects = ["demo-3"] },
                                       generate: GenerateSpec(sessions: 40, projects: 5, locations: 4)) { harness in
            try await harness.withEngine { engine in
                do {
                    _ = try await engine.execute(QuotaIntegrationTests.fanOut(projects: 5))
                    Issue.record("the statement succeeded")
                } catch {
                    let text = "\(error)"
                    #expect(text.contains("every call for projectsId='demo-3' failed"), "\(text)")
                }
            }
            try await harness.withEngine(configure: { $0.allowPartial = true }) { engine in
                let result = try #require(try await engine.execute(QuotaIntegrationTests.fanOut(projects: 5)).last)
                #expect(result.rows.map { $0.map(\.textValue) } == [["32"]])
                #expect(result.isPartial)
                #expect(result.calls.filter { !$0.succeeded }.count == 4)
            }
        }
    }
}
