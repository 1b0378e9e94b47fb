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
