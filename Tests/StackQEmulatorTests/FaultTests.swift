import NIOHTTP1
import StackQ
import StackQTesting
import StackQEmulator
import Testing

@Suite struct FaultTests {
    @Test(arguments: Kind.all)
    func faultRateOneAnswersEveryRequestWithARetryableError(kind: Kind) async throws {
        try await EmulatorHarness.with({ $0.faultRate = 1; $0.retryAfterSeconds = 1 }, seed: kind.seed(2)) { emulator in
            for _ in 0..<6 {
                let response = try await emulator.get(kind.path)
                #expect([429, 503].contains(response.status))
                #expect(["RESOURCE_EXHAUSTED", "UNAVAILABLE"].contains(response.errorStatus ?? ""))
                #expect(response.header("retry-after") == "1")
            }
        }
    }

    @Test func faultsRepeatExactlyForTheSameSeed() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            try await EmulatorHarness.with({ $0.faultRate = 0.5; $0.randomSeed = seed }, seed: Kind.sessions.seed(2)) { emulator in
                var result: [Int] = []
                for _ in 0..<24 { result.append(try await emulator.get(Kind.sessions.path).status) }
                return result
            }
        }
        let first = try await statuses(seed: 42)
        #expect(first == (try await statuses(seed: 42)))
        #expect(first.contains(200))
        #expect(first.contains { $0 != 200 })
    }

    @Test func faultsAreCountedInStats() async throws {
        try await EmulatorHarness.with({ $0.faultRate = 1; $0.faultKinds = [.unavailable] }) { emulator in
            for _ in 0..<3 { _ = try await emulator.get(Kind.jobs.path) }
            #expect(try await emulator.count("projects_locations_notebook_execution_jobs_list", status: 503) == 3)
        }
    }

    @Test func paginationFaultFailsTheChosenPageOnceThenServesIt() async throws {
        let rule = PaginationFault(page: 2, collectionContaining: "/sessions", always: false, fault: .unavailable)
        try await EmulatorHarness.with({ $0.paginationFaults = [rule] }, seed: Kind.sessions.seed(6)) { emulator in
            let first = try await emulator.get(Kind.sessions.path + "?pageSize=2")
            #expect(first.status == 200)
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            let failed = try await emulator.get(Kind.sessions.path + "?pageSize=2&pageToken=\(token)")
            #expect(failed.status == 503)
            #expect(failed.header("retry-after") == "0")
            let retried = try await emulator.get(Kind.sessions.path + "?pageSize=2&pageToken=\(token)")
            #expect(retried.status == 200)
            #expect(retried.json["sessions"]?.first?["name"]?.stringValue?.hasSuffix("item-3") == true)
        }
    }

    @Test func alwaysPaginationFaultKeepsFailingAndSparesOtherCollections() async throws {
        let rule = PaginationFault(page: 2, collectionContaining: "/sessions", always: true, fault: .resourceExhausted)
        let seed = SeedData(collections: Kind.sessions.seed(4).collections + Kind.jobs.seed(4).collections)
        try await EmulatorHarness.with({ $0.paginationFaults = [rule] }, seed: seed) { emulator in
            let token = try #require(try await emulator.get(Kind.sessions.path + "?pageSize=2").json["nextPageToken"]?.stringValue)
            for _ in 0..<2 {
                #expect(try await emulator.get(Kind.sessions.path + "?pageSize=2&pageToken=\(token)").status == 429)
            }
            let jobToken = try #require(try await emulator.get(Kind.jobs.path + "?pageSize=2").json["nextPageToken"]?.stringValue)
            #expect(try await emulator.get(Kind.jobs.path + "?pageSize=2&pageToken=\(jobToken)").status == 200)
        }
    }

    @Test func latencyWithJitterStillAnswers() async throws {
        try await EmulatorHarness.with({ $0.latency = .milliseconds(5); $0.latencyJitter = .milliseconds(5) },
                                       seed: Kind.sessions.seed(1)) { emulator in
            let response = try await emulator.get(Kind.sessions.path)
            #expect(response.status == 200)
        }
    }
}

@Suite struct StatsTests {
    @Test func statsCountRequestsPerMethodAndStatus() async throws {
        try await EmulatorHarness.with(seed: TestSeed.standard) { emulator in
            _ = try await emulator.get(Kind.sessions.path)
            _ = try await emulator.get(Kind.sessions.path)
            _ = try await emulator.get("\(Kind.sessions.path)/missing")
            _ = try await emulator.get(Kind.jobs.path, token: nil)
            let stats = try await emulator.get("/_emulator/stats", token: nil).json
            #expect(stats["total"] == .number(4))
            #expect(stats["methods"]?["projects_locations_sessions_list"]?["200"] == .number(2))
            #expect(stats["methods"]?["projects_locations_sessions_get"]?["404"] == .number(1))
            #expect(stats["methods"]?["projects_locations_notebook_execution_jobs_list"]?["401"] == .number(1))
        }
    }

    @Test func resetForgetsResourcesAndCounts() async throws {
        try await EmulatorHarness.with(seed: TestSeed.standard) { emulator in
            _ = try await emulator.get(Kind.sessions.path)
            #expect(try await emulator.request(.POST, "/_emulator/reset", token: nil, body: "{}").status == 200)
            #expect(try await emulator.get(Kind.sessions.path).text == "{}")
            #expect(try await emulator.count("projects_locations_sessions_list", status: 200) == 1)
        }
    }
}

/// The quota and the 503 storm: what a fan-out over an organisation meets.
@Suite struct QuotaFaultTests {
    static let sessions = "/v1/projects/demo/locations/us-central1/sessions"

    /// The clock does not move, so every request falls in one window: the quota's first requests pass, the rest are
    /// 429 RESOURCE_EXHAUSTED with Google's ErrorInfo and no Retry-After; a new second admits again.
    @Test func aServiceQuotaAdmitsItsCallsPerSecondAndRefusesTheRest() async throws {
        let clock = ManualClock()
        try await EmulatorHarness.with({ $0.quota = Quota(callsPerSecond: 3); $0.clock = clock }) { emulator in
            var statuses: [Int] = []
            for path in [QuotaFaultTests.sessions, "/v1/projects/other/locations/us-central1/sessions"] {
                for _ in 0..<3 { statuses.append(try await emulator.get(path).status) }
            }
            #expect(statuses == [200, 200, 200, 429, 429, 429])
            let refused = try await emulator.get(QuotaFaultTests.sessions)
            #expect(refused.errorStatus == "RESOURCE_EXHAUSTED")
            #expect(refused.header("retry-after") == nil)
            let message = try #require(refused.json["error"]?["message"]?.stringValue)
            #expect(message.contains("limit 'Queries per second'"))
            #expect(refused.json["error"]?["details"]?.first?["reason"]?.stringValue == "RATE_LIMIT_EXCEEDED")
            clock.advance(by: 1)
            #expect(try await emulator.get(QuotaFaultTests.sessions).status == 200)
            #expect(try await emulator.count("projects_locations_sessions_list", status: 429) == 4)
        }
    }

    @Test func aProjectQuotaCountsEachProjectApartAndSaysSo() async throws {
        let clock = ManualClock()
        try await EmulatorHarness.with({ $0.quota = Quota(callsPerSecond: 2, scope: .project); $0.clock = clock }) { emulator in
            var statuses: [Int] = []
            for project in ["a", "b"] {
                for _ in 0..<3 { statuses.append(try await emulator.get("/v1/projects/\(project)/locations/us-central1/sessions").status) }
            }
            #expect(statuses == [200, 200, 429, 200, 200, 429])
            let refused = try await emulator.get("/v1/projects/a/locations/us-central1/sessions")
            let message = try #require(refused.json["error"]?["message"]?.stringValue)
            #expect(message.contains("per project"))
            #expect(message.contains("projects/a"))
        }
    }

    @Test func aStormAnswers503ToItsRequestsThenServes() async throws {
        try await EmulatorHarness.with({ $0.unavailableStorm = 4 }) { emulator in
            var statuses: [Int] = []
            for _ in 0..<6 { statuses.append(try await emulator.get(QuotaFaultTests.sessions).status) }
            #expect(statuses == [503, 503, 503, 503, 200, 200])
        }
    }
}
