import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Parameters bound from other references' rows: joins, IN (SELECT …), tuples, chains; EXPLAIN; the call report;
/// --allow-partial.
@Suite struct StagedPlanTests {
    static let projectCount = 30

    /// 30 projects under organizations/1 (and one under organizations/2), each with two sessions in us-central1
    /// and one in europe-west1.
    static func seed() throws -> SeedData {
        var collections: [(collection: String, items: [JSONValue])] = []
        var projects: [JSONValue] = []
        for index in 1...projectCount {
            let id = String(format: "proj-%02d", index)
            projects.append(.object([("name", .string("projects/\(id)")), ("projectId", .string(id)),
                                     ("parent", .string("organizations/1")), ("state", .string("ACTIVE"))]))
            for (location, count) in [("us-central1", 2), ("europe-west1", 1)] {
                let sessions: [JSONValue] = (1...count).map { n in
                    .object([("name", .string("projects/\(id)/locations/\(location)/sessions/s-\(n)")),
                             ("state", .string(n == 1 ? "ACTIVE" : "TERMINATED"))])
                }
                collections.append(("projects/\(id)/locations/\(location)/sessions", sessions))
            }
        }
        projects.append(.object([("name", .string("projects/elsewhere")), ("projectId", .string("elsewhere")),
                                 ("parent", .string("organizations/2")), ("state", .string("ACTIVE"))]))
        collections.append(("projects", projects))
        return SeedData(collections: collections)
    }

    /// Runs `body` against an emulator holding the standard data and this suite's projects.
    static func with<T>(_ configure: (inout EmulatorConfiguration) -> Void = { _ in },
                        _ body: (EmulatorHarness) async throws -> T) async throws -> T {
        try await EmulatorHarness.with(configure, seed: .standard, extraSeed: try seed(), body)
    }

    static let join = """
        SELECT s.name, p.projectId FROM google.cloudresourcemanager.projects p
        JOIN google.dataproc.sessions s ON s.projectsId = p.projectId
        WHERE s.locationsId = 'us-central1' AND p.parent = 'organizations/1' AND p.projectId LIKE 'proj-%'
        """

    @Test func aJoinBindsEachProjectsSessionsOneCallPerProject() async throws {
        try await Self.with { harness in
            let rows = try await harness.rows(Self.join)
            #expect(rows.count == Self.projectCount * 2)
            #expect(Set(rows.compactMap { $0[1] }).count == Self.projectCount)
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": Self.projectCount])
            #expect(await harness.requests("projects_list") == ["200": 1])
        }
    }

    @Test func inSelectBindsTheSameWay() async throws {
        try await Self.with { harness in
            let rows = try await harness.rows("""
                SELECT name FROM google.dataproc.sessions
                WHERE locationsId = 'europe-west1'
                  AND projectsId IN (SELECT projectId FROM google.cloudresourcemanager.projects WHERE parent = 'organizations/1' AND projectId <> 'elsewhere')
                """)
            #expect(rows.count == Self.projectCount)
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": Self.projectCount])
        }
    }

    @Test func twoColumnsBindTuplesNotTheirProduct() async throws {
        // proj-01 is in us-central1 only and proj-02 in europe-west1 only: two calls, not four.
        let locations = SeedData(collections: [
            ("projects/proj-01/locations", [.object([("name", .string("projects/proj-01/locations/us-central1")), ("locationId", .string("us-central1"))])]),
            ("projects/proj-02/locations", [.object([("name", .string("projects/proj-02/locations/europe-west1")), ("locationId", .string("europe-west1"))])]),
        ])
        try await Self.with { harness in
            try await harness.emulator.seed(locations)
            let rows = try await harness.rows("""
                SELECT s.name FROM google.aiplatform.locations l
                JOIN google.dataproc.sessions s ON s.projectsId = l.projectsId AND s.locationsId = l.locationId
                WHERE l.projectsId IN ('proj-01', 'proj-02')
                """)
            #expect(Set(rows.compactMap { $0[0] }) == ["projects/proj-01/locations/us-central1/sessions/s-1",
                                                       "projects/proj-01/locations/us-central1/sessions/s-2",
                                                       "projects/proj-02/locations/europe-west1/sessions/s-1"])
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 2])
        }
    }

    @Test func aThreeStageChain() async throws {
        try await Self.with { harness in
            let rows = try await harness.rows("""
                SELECT t.name, t.state FROM google.cloudresourcemanager.projects p
                JOIN google.dataproc.sessions s ON s.projectsId = p.projectId
                JOIN google.dataproc.sessions t ON t.projectsId = s.projectsId AND t.locationsId = 'europe-west1' AND t.sessionsId = 's-1'
                WHERE p.parent = 'organizations/1' AND p.projectId IN ('proj-03', 'proj-04') AND s.locationsId = 'us-central1'
                """)
            #expect(rows.count == 2 * 2)
            #expect(await harness.requests("projects_locations_sessions_get") == ["200": 2])
        }
    }

    @Test func anEqualityBetweenTwoReferencesParametersBindsBoth() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let rows = try await harness.rows("""
                SELECT s.name, j.name FROM google.dataproc.sessions s
                JOIN google.aiplatform.notebook_execution_jobs j ON j.projectsId = s.projectsId AND j.locationsId = s.locationsId
                WHERE s.projectsId = 'p' AND s.locationsId = 'us-central1' AND s.state = 'ACTIVE'
                """)
            #expect(rows.count == 2 * 3)
            #expect(await harness.requests("projects_locations_notebook_execution_jobs_list") == ["200": 1])
        }
    }

    @Test func orOfEqualitiesAndConstantExpressionsBind() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let rows = try await harness.rows("""
                SELECT count(*) FROM google.dataproc.sessions
                WHERE projectsId = lower('P') AND (locationsId = 'us-' || 'central1' OR locationsId = 'europe-west1')
                """)
            #expect(rows == [["7"]])
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 2])
        }
    }

    @Test func anAmbiguousBareParameterNamesBothReferences() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            await #expect(throws: PlanError.self) {
                _ = try await harness.rows("""
                    SELECT 1 FROM google.dataproc.sessions s JOIN google.aiplatform.notebook_execution_jobs j ON 1
                    WHERE projectsId = 'p' AND s.locationsId = 'us-central1' AND j.locationsId = 'us-central1'
                    """)
            }
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            do {
                _ = try await engine.execute("SELECT 1 FROM google.dataproc.sessions s JOIN google.aiplatform.notebook_execution_jobs j ON 1 WHERE projectsId = 'p'")
            } catch let error as PlanError {
                #expect(error.message.contains("the column projectsId is ambiguous: google.dataproc.sessions AS s and google.aiplatform.notebook_execution_jobs AS j"))
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    @Test func explainShowsStagesBindingsAndTheSQL() async throws {
        try await Self.with { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute("EXPLAIN " + Self.join)[0]
            #expect(result.columns.map(\.name) == ["stage", "reference", "method", "parameters", "calls", "sqlite", "fields"])
            let rows = result.rows.map { $0.map(\.textValue) }
            #expect(rows == [
                ["1", "google.cloudresourcemanager.projects AS p", "projects_list", "parent = 'organizations/1'", "1", "p.projectId LIKE 'proj-%'",
                 "projects(name,parent,projectId),nextPageToken"],
                ["2", "google.dataproc.sessions AS s", "projects_locations_sessions_list",
                 "projectsId ← p.projectId, locationsId = 'us-central1'", "one per distinct p.projectId", nil,
                 "sessions(name),nextPageToken"],
                [nil, "(result)", nil, nil, nil,
                 "SELECT s.name, p.projectId FROM \"projects_1\" AS p JOIN \"sessions_2\" AS s ON s.projectsId = p.projectId WHERE s.locationsId = 'us-central1' AND p.parent = 'organizations/1' AND p.projectId LIKE 'proj-%'", nil],
            ])
            #expect(await harness.emulator.stats()["total"] == .number(0))
            let inSelect = try await engine.execute("EXPLAIN SELECT name FROM google.dataproc.sessions WHERE locationsId = 'l' AND projectsId IN (SELECT projectId FROM google.cloudresourcemanager.projects WHERE parent = 'organizations/1')")[0]
            #expect(inSelect.rows.map { $0[4].textValue } == ["1", "one per distinct projects.projectId", nil])
        }
    }

    @Test func everyCallIsReportedAndShowCallsListsThem() async throws {
        try await Self.with { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute(Self.join)[0]
            #expect(result.calls.count == 1 + Self.projectCount)
            #expect(result.calls.allSatisfy { $0.status == 200 && $0.succeeded && $0.pages == 1 })
            #expect(result.calls.filter { $0.qualifiedMethodName.hasSuffix("projects_locations_sessions_list") }.map(\.rows).reduce(0, +) == Self.projectCount * 2)
            let shown = try await engine.execute("SHOW CALLS")[0]
            #expect(shown.rows.count == 1 + Self.projectCount)
            #expect(shown.columns.map(\.name) == ["reference", "method", "parameters", "url", "status", "attempts", "pages", "rows", "bytes", "ms", "cache", "error"])
            #expect(!shown.rows.contains { $0[3].textValue?.contains("Bearer") ?? false })
        }
    }

    @Test func allowPartialKeepsTheOtherProjectsRowsAndNamesTheFailedCall() async throws {
        try await Self.with { harness in
            // A project whose sessions list fails: its location name is invalid for the emulator.
            let sql = "SELECT name FROM google.dataproc.sessions WHERE projectsId IN ('proj-01', 'proj-02') AND locationsId IN ('us-central1', 'bad location')"
            let strict = try harness.engine()
            defer { Task { try? await strict.shutdown() } }
            do {
                _ = try await strict.execute(sql)
                Issue.record("expected the failed calls to fail the statement")
            } catch let error as CallFailures {
                #expect(error.failures.count == 2)
                #expect(error.description.contains("2 of 4 calls failed"))
                #expect(error.description.contains("locationsId='bad location'"))
            }
            let observer = RecordingObserver()
            let lenient = try harness.engine(observer: observer) { $0.allowPartial = true }
            defer { Task { try? await lenient.shutdown() } }
            let result = try await lenient.execute(sql)[0]
            #expect(result.rows.count == 4)
            #expect(result.isPartial)
            #expect(result.calls.filter { !$0.succeeded }.count == 2)
            #expect(observer.warnings.filter { $0.contains("bad location") && !$0.hasPrefix("every call") }.count == 2)
            #expect(observer.warnings.contains { $0.hasPrefix("every call for locationsId='bad location' failed") })
        }
    }

    @Test func maxCallsRefusesBeforeAnyCall() async throws {
        try await Self.with { harness in
            let literal = try harness.engine { $0.maximumCalls = 3 }
            defer { Task { try? await literal.shutdown() } }
            await #expect(throws: PlanError.self) {
                _ = try await literal.execute("SELECT 1 FROM google.dataproc.sessions WHERE projectsId IN ('a', 'b') AND locationsId IN ('x', 'y')")
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
            let dependent = try harness.engine { $0.maximumCalls = 10 }
            defer { Task { try? await dependent.shutdown() } }
            do {
                _ = try await dependent.execute(Self.join)
                Issue.record("expected --max-calls to refuse the dependent stage")
            } catch let error as PlanError {
                #expect(error.message.contains("needs 30 calls (one per distinct p.projectId)"))
            }
            #expect(await harness.requests("projects_locations_sessions_list").isEmpty)
        }
    }

    @Test func maxCallsCountsOnlyTheCallsOfTheShard() async throws {
        try await Self.with { harness in
            let projects = (0..<8).map { "shard-\($0)" }
            let shard = try FanOutShard(parsing: "1/2")
            let share = projects.filter { shard.contains(["projectsId": $0, "locationsId": "x"]) }.count
            try #require(share > 0 && share < projects.count)
            let sql = "SELECT name FROM google.dataproc.sessions WHERE projectsId IN ("
                + projects.map { "'\($0)'" }.joined(separator: ", ") + ") AND locationsId = 'x'"
            // All eight calls are past --max-calls; the shard's share is not.
            let whole = try harness.engine { $0.maximumCalls = share }
            defer { Task { try? await whole.shutdown() } }
            await #expect(throws: PlanError.self) { _ = try await whole.execute(sql) }
            let sharded = try harness.engine { $0.maximumCalls = share; $0.shard = shard }
            defer { Task { try? await sharded.shutdown() } }
            _ = try await sharded.execute(sql)
            #expect(await harness.requests("projects_locations_sessions_list").values.reduce(0, +) == share)
            // A share far past the limit is refused before any call.
            let tight = try harness.engine { $0.maximumCalls = 1; $0.shard = shard }
            defer { Task { try? await tight.shutdown() } }
            let many = "SELECT name FROM google.dataproc.sessions WHERE projectsId IN ("
                + (0..<40).map { "'m\($0)'" }.joined(separator: ", ") + ") AND locationsId = 'x'"
            await #expect(throws: PlanError.self) { _ = try await tight.execute(many) }
            #expect(await harness.requests("projects_locations_sessions_list").values.reduce(0, +) == share)
        }
    }
}
