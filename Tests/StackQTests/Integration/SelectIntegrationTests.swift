import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import StackQSyntax
import Testing

/// SELECT over the emulator through the real HTTP client: planning, paging, fan-out, SQLite.
@Suite struct SelectIntegrationTests {
    static let parent = "projectsId = 'p' AND locationsId = 'us-central1'"

    @Test func listsEverySessionAcrossPages() async throws {
        // A service whose pages hold at most 50, whatever page size stackq asks for.
        try await EmulatorHarness.with({ $0.maximumPageSize = 50 }, generate: GenerateSpec(sessions: 230)) { harness async throws in
            let rows = try await harness.rows(
                "SELECT count(*), count(DISTINCT name) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'")
            #expect(rows == [["230", "230"]])
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 5])
        }
    }

    @Test func projectsFiltersAndKeepsAPIColumnNames() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness async throws in
            #expect(try await harness.rows("SELECT name, state FROM google.dataproc.sessions WHERE \(Self.parent) AND state = 'ACTIVE' ORDER BY name")
                == [["projects/p/locations/us-central1/sessions/etl-1", "ACTIVE"],
                    ["projects/p/locations/us-central1/sessions/etl-2", "ACTIVE"]])
            let engine = try harness.engine()
            let result = try await engine.execute("SELECT * FROM google.dataproc.sessions WHERE \(Self.parent)")[0]
            try await engine.shutdown()
            #expect(Array(result.columns.map(\.name).prefix(3)) == ["createTime", "creator", "environmentConfig"])
            #expect(result.columns.map(\.name).suffix(2) == ["projectsId", "locationsId"])
            #expect(result.rows.count == 5)
        }
    }

    @Test func anIdUsesTheGetMethod() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness async throws in
            #expect(try await harness.rows("SELECT state, sessionsId FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = 'etl-1'")
                == [["ACTIVE", "etl-1"]])
            #expect(await harness.requests("projects_locations_sessions_get") == ["200": 1])
            #expect(await harness.requests("projects_locations_sessions_list").isEmpty)
        }
    }

    @Test func anInListFansOutOneCallPerValue() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness async throws in
            #expect(try await harness.rows("""
                SELECT locationsId, count(*) FROM google.dataproc.sessions
                WHERE projectsId = 'p' AND locationsId IN ('us-central1', 'europe-west1') GROUP BY locationsId ORDER BY 1
                """) == [["europe-west1", "2"], ["us-central1", "5"]])
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 2])
        }
    }

    @Test func aggregatesJSONFunctionsAndJSONEachWork() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness async throws in
            #expect(try await harness.rows("SELECT state, count(*) FROM google.dataproc.sessions WHERE \(Self.parent) GROUP BY state ORDER BY state")
                == [["ACTIVE", "2"], ["CREATING", "1"], ["FAILED", "1"], ["TERMINATED", "1"]])
            #expect(try await harness.rows("""
                SELECT json_extract(runtimeInfo, '$.endpoints.Jupyter') FROM google.dataproc.sessions
                WHERE \(Self.parent) AND sessionsId = 'etl-1'
                """) == [["https://etl-1.dataproc.example/jupyter"]])
            #expect(try await harness.rows("""
                SELECT json_extract(h.value, '$.state') FROM google.dataproc.sessions s, json_each(s.stateHistory) h
                WHERE s.projectsId = 'p' AND s.locationsId = 'us-central1' AND s.name LIKE '%/old-1' ORDER BY h.key
                """) == [["CREATING"], ["ACTIVE"], ["TERMINATING"]])
        }
    }

    @Test func joinsCTEsAndUnionsPlanEveryReference() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness async throws in
            #expect(try await harness.rows("""
                SELECT s.state, j.jobState FROM google.dataproc.sessions s
                JOIN google.aiplatform.notebook_execution_jobs j ON j.displayName = json_extract(s.jupyterSession, '$.displayName')
                WHERE s.projectsId = 'p' AND s.locationsId = 'us-central1' AND j.projectsId = 'p' AND j.locationsId = 'us-central1'
                ORDER BY j.displayName
                """) == [["ACTIVE", "JOB_STATE_SUCCEEDED"], ["ACTIVE", "JOB_STATE_FAILED"]])
            #expect(try await harness.rows("""
                WITH active AS (SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'europe-west1' AND state = 'ACTIVE')
                SELECT count(*) FROM active
                """) == [["1"]])
            #expect(try await harness.rows("""
                SELECT 'us', count(*) FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'
                UNION ALL
                SELECT 'eu', count(*) FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'europe-west1'
                """) == [["us", "5"], ["eu", "2"]])
        }
    }

    @Test func notebookJobsGoToTheLocationalHost() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let dryRun = try Engine(configuration: EngineConfiguration(
                registryPath: EmulatorHarness.providers.path, dryRun: true))
            let planned = try await dryRun.execute(
                "SELECT displayName FROM google.aiplatform.notebook_execution_jobs WHERE projectsId = 'p' AND locationsId = 'us-central1'")[0]
            #expect(planned.rows.map { $0[2].textValue } == ["https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/notebookExecutionJobs?pageSize=1000&prettyPrint=false&fields=notebookExecutionJobs%28displayName%29%2CnextPageToken"])
            #expect(try await harness.rows(
                "SELECT displayName, jobState FROM google.aiplatform.notebook_execution_jobs WHERE projectsId = 'p' AND locationsId = 'us-central1' ORDER BY 1")
                == [["etl-1", "JOB_STATE_SUCCEEDED"], ["etl-2", "JOB_STATE_FAILED"], ["nightly", "JOB_STATE_RUNNING"]])
        }
    }

    @Test func faultsAreRetriedToTheSameResult() async throws {
        let sql = "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId IN ('us-central1', 'europe-west1') ORDER BY name"
        let expected = try await EmulatorHarness.with(generate: GenerateSpec(sessions: 1000, locations: 2)) { clean in
            try await clean.rows(sql)
        }
        try await EmulatorHarness.with({
            $0.maximumPageSize = 50
            $0.faultRate = 0.2
            $0.retryAfterSeconds = 0
        }, generate: GenerateSpec(sessions: 1000, locations: 2)) { faulty async throws in
            #expect(expected.count == 1000)
            #expect(try await faulty.rows(sql) == expected)
            let statuses = await faulty.requests("projects_locations_sessions_list")
            #expect(statuses["200"] == 20)
            #expect((statuses["429"] ?? 0) + (statuses["503"] ?? 0) > 0)
        }
    }

    @Test(arguments: ["../../x", "a?b#c/d e", "%2F"])
    func pathValuesReachTheServerAsOneSegment(_ id: String) async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let engine = try harness.engine()
            let sql = "SELECT name FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = '\(id.replacingOccurrences(of: "'", with: "''"))'"
            do {
                _ = try await engine.execute(sql)
                Issue.record("expected NOT_FOUND")
            } catch let error as APIError {
                // The get route matched with the whole value as sessionsId, which the server rejects as malformed.
                #expect(error.httpStatus == 400)
                #expect(error.status == "INVALID_ARGUMENT")
                #expect(error.message.contains("sessionsId \"\(id)\""))
            }
            try await engine.shutdown()
            #expect(await harness.requests("projects_locations_sessions_get") == ["400": 1])
        }
    }

    @Test func missingParametersFailBeforeAnyCall() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let engine = try harness.engine()
            await #expect(throws: PlanError.self) {
                try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p'")
            }
            try await engine.shutdown()
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    @Test func aFailedCallIsAnErrorWithGooglesStatusNeverAnEmptyResult() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let engine = try Engine(configuration: EngineConfiguration(
                registryPath: EmulatorHarness.providers.path,
                auth: AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "T")]),
                endpointOverrides: ["google": harness.baseURL.absoluteString], environment: ["T": "wrong-token"]))
            do {
                _ = try await engine.execute("SELECT name FROM google.dataproc.sessions WHERE \(Self.parent)")
                Issue.record("expected UNAUTHENTICATED")
            } catch let error as APIError {
                #expect(error.httpStatus == 401)
                #expect(error.status == "UNAUTHENTICATED")
                #expect(error.description.contains("projects_locations_sessions_list(projectsId='p', locationsId='us-central1')"))
            }
            try await engine.shutdown()
        }
    }

    @Test func aPageLimitIsAnnouncedNeverSilent() async throws {
        try await EmulatorHarness.with({ $0.maximumPageSize = 50 }, generate: GenerateSpec(sessions: 120)) { harness in
            let observer = RecordingObserver()
            let rows = try await harness.rows(
                "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'",
                engine: harness.engine(pageLimit: 2, observer: observer))
            #expect(rows == [["100"]])
            #expect(observer.warnings.count == 1)
            #expect(observer.warnings.first?.contains("--page-limit 2") == true)
        }
    }
}
