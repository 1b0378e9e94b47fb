import Foundation
import StackQ
import StackQEmulator
import StackQTesting
import Synchronization
import Testing

/// One plan per statement: EXPLAIN and `--dry-run` show the plan a run sends, a dry run sends nothing, and
/// statements running at once on one engine keep to themselves.
@Suite struct StatementPlanTests {
    static let parent = "projectsId = 'p' AND locationsId = 'us-central1'"
    static let sessions = "google.dataproc.sessions"

    // MARK: Concurrent statements

    /// Holds a statement inside its first rows until released: the statement is then mid-way, its tables alive.
    final class Holding: ResultHandler {
        let rows = Mutex<[[SQLValue]]>([])
        let (arrived, arrival) = AsyncStream<Void>.makeStream()
        let (released, release) = AsyncStream<Void>.makeStream()

        func columns(_ columns: [ResultSet.Column]) async throws {}

        func rows(_ rows: [[SQLValue]]) async throws {
            self.rows.withLock { $0 += rows }
            arrival.yield()
            for await _ in released { break }
        }

        func finished(_ result: ResultSet) async throws {}
    }

    @Test func twoStatementsAtOnceOnOneEngineKeepTheirOwnTablesAndCalls() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine { engine in
                let first = EngineSession()
                let second = EngineSession()
                let holding = Holding()
                let running = Task {
                    try await engine.execute(script: "SELECT name FROM \(Self.sessions) WHERE \(Self.parent) ORDER BY name",
                                             session: first, handler: holding)
                }
                for await _ in holding.arrived { break }
                // The first statement is inside its rows: its table exists. The second runs whole meanwhile.
                let europe = try await engine.texts("SELECT name FROM \(Self.sessions) WHERE projectsId = 'p' AND locationsId = 'europe-west1' ORDER BY name",
                                                    session: second)
                #expect(europe == ["projects/p/locations/europe-west1/sessions/eu-1", "projects/p/locations/europe-west1/sessions/eu-2"])
                holding.release.yield()
                try await running.value
                #expect(holding.rows.withLock { $0.count } == 5)

                let firstCalls = try await engine.texts("SHOW CALLS", session: first)
                let secondCalls = try await engine.texts("SHOW CALLS", session: second)
                #expect(firstCalls.count == 1 && firstCalls[0].contains("us-central1"))
                #expect(secondCalls.count == 1 && secondCalls[0].contains("europe-west1"))
                #expect(try await engine.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")[0].rows == [[.integer(0)]])
            }
        }
    }

    // MARK: EXPLAIN is the plan that runs

    @Test func explainOfADeleteFoldsConstantsAsItsRunDoes() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: .standard) { harness in
            try await harness.withEngine { engine in
                let delete = "DELETE FROM \(Self.sessions) WHERE \(Self.parent) AND sessionsId = lower('ETL-1')"
                let plan = try await engine.execute("EXPLAIN " + delete)[0]
                #expect(plan.rows.count == 1)
                #expect(plan.rows[0][2] == .text("projects_locations_sessions_delete"))
                #expect(plan.rows[0][3] == .text("projectsId = 'p', locationsId = 'us-central1', sessionsId = 'etl-1'"))
                #expect(plan.rows[0][4] == .text("1"))
                let result = try await engine.execute(delete)[0]
                #expect(result.calls.map(\.qualifiedMethodName) == ["google.dataproc.sessions.projects_locations_sessions_delete"])
                #expect(await harness.requests("projects_locations_sessions_list").isEmpty)
            }
        }
    }

    @Test(arguments: [
        "INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 'x-1')",
        "INSERT INTO google.dataproc.sessions SELECT 'p' AS projectsId, 'us-central1' AS locationsId, 'x-1' AS sessionId",
    ])
    func explainOfAnInsertNamesTheMethodAndCallsItsRunSends(_ insert: String) async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: .standard) { harness in
            try await harness.withEngine { engine in
                let plan = try await engine.execute("EXPLAIN " + insert)[0]
                #expect(plan.rows.last?[2] == .text("projects_locations_sessions_create"))
                #expect(plan.rows.last?[3] == .text("projectsId = 'p', locationsId = 'us-central1', sessionId = 'x-1'"))
                #expect(plan.rows.last?[4] == .text("1"))
                let result = try await engine.execute(insert)[0]
                #expect(result.calls.count == 1)
                #expect(result.calls[0].url.contains("/projects/p/locations/us-central1/sessions?"))
                #expect(result.calls[0].url.contains("sessionId=x-1"))
            }
        }
    }

    @Test func explainOfADeleteThatSelectsFirstShowsItsReadStageThenItsAction() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine { engine in
                let plan = try await engine.execute("EXPLAIN DELETE FROM \(Self.sessions) WHERE \(Self.parent) AND state = 'TERMINATED'")[0]
                #expect(plan.rows.map { $0[0].textValue } == ["1", nil, "2"])
                #expect(plan.rows[0][2] == .text("projects_locations_sessions_list"))
                #expect(plan.rows[2][2] == .text("projects_locations_sessions_delete"))
                #expect(plan.rows[2][4] == .text("one per resource matching: state = 'TERMINATED'"))
                #expect(await harness.emulator.stats()["total"] == .number(0))
            }
        }
    }

    @Test func planErrorsSayWhatKindTheyAre() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine(configure: { $0.maximumCalls = 2 }) { engine in
                let refused = await #expect(throws: PlanError.self) {
                    try await engine.execute("DELETE FROM \(Self.sessions) WHERE projectsId = 'p' AND sessionsId = 'etl-1'")
                }
                #expect(refused?.code == .missingParameters)
                let tooMany = await #expect(throws: PlanError.self) {
                    try await engine.execute("SELECT name FROM \(Self.sessions) WHERE projectsId = 'p' AND locationsId IN ('a', 'b', 'c')")
                }
                #expect(tooMany?.code == .tooManyCalls)
                let unknown = await #expect(throws: PlanError.self) {
                    try await engine.execute("INSERT INTO \(Self.sessions) (projectsId, locationsId, nonsense) VALUES ('p', 'l', 1)")
                }
                #expect(unknown?.code == .unknownName)
                #expect(await harness.emulator.stats()["total"] == .number(0))
            }
        }
    }

    // MARK: A dry run sends nothing

    @Test(arguments: [
        ("DELETE FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND state = 'TERMINATED'",
         ["GET", "DELETE"]),
        ("UPDATE google.cloudresourcemanager.projects SET displayName = 'Renamed' WHERE projectsId = 'p' AND state = 'ACTIVE'",
         ["GET", "PATCH"]),
        ("INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) SELECT projectsId, locationsId, sessionsId || '-copy' FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'",
         ["GET", "POST"]),
        ("EXEC google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = 'p', @locationsId = 'us-central1', @sessionsId = 'etl-1'",
         ["POST"]),
        ("DELETE FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND sessionsId = 'etl-1'; SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'",
         ["GET"]),
    ])
    func aDryRunSendsNothing(_ script: String, _ methods: [String]) async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine(configure: { $0.dryRun = true }) { engine in
                let results = try await engine.execute(script)
                #expect(results.last?.rows.map { $0[1].textValue ?? "" } == methods)
                #expect(await harness.emulator.stats()["total"] == .number(0))
            }
        }
    }

    @Test func aDryRunShowsTheHeadersTheRequestIsSentWith() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine(configure: {
                $0.dryRun = true
                $0.auth = AuthConfiguration(providers: ["google": ProviderAuth(source: .basicEnvironment(variable: "CREDS"))])
                $0.environment = ["CREDS": "user:secret"]
            }) { engine in
                let rows = try await engine.execute("EXEC google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = 'p', @locationsId = 'us-central1', @sessionsId = 'etl-1'")[0].rows
                let headers = rows.first?[3].textValue ?? ""
                #expect(headers.contains("Authorization: Basic <redacted>"), "\(headers)")
                #expect(headers.contains("User-Agent: stackq/"))
                #expect(!headers.contains("secret"))
            }
        }
    }

    // MARK: Mutations that partly succeed

    @Test func anInsertWhoseThirdCallIsRefusedAnswersTheOtherFourAndFails() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: .standard) { harness in
            try await harness.withEngine { engine in
                let ids = ["n-1", "n-2", "etl-1", "n-4", "n-5"]
                let values = ids.map { "('p', 'us-central1', '\($0)')" }.joined(separator: ", ")
                var answered: [ResultSet] = []
                do {
                    try await engine.execute(script: "INSERT INTO \(Self.sessions) (projectsId, locationsId, sessionId) VALUES \(values)") {
                        answered.append($0)
                    }
                    Issue.record("expected the refused call to fail the statement")
                } catch let error as APIError {
                    #expect(error.status == "ALREADY_EXISTS")
                }
                #expect(answered.count == 1)
                #expect(answered.first?.rows.count == 4)
                #expect(answered.first?.calls.count == 5)
                #expect(answered.first?.calls.filter { !$0.succeeded }.count == 1)
            }
        }
    }

    @Test func aDeleteWithFailuresStillAnswersItsOperationsAndAllowPartialKeepsThem() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: .standard) { harness in
            try await harness.withEngine(configure: { $0.allowPartial = true }) { engine in
                let result = try await engine.execute("DELETE FROM \(Self.sessions) WHERE \(Self.parent) AND sessionsId IN ('etl-1', 'gone-1', 'etl-2', 'gone-2')")[0]
                #expect(result.rows.count == 2)
                #expect(result.rows.allSatisfy { $0[0].textValue?.contains("/operations/") == true })
                #expect(result.isPartial)
                #expect(result.calls.filter { !$0.succeeded }.count == 2)
            }
        }
    }

    @Test func anAwaitStoppedByTheStatementDeadlineNamesTheOperationsStillRunning() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 1_000_000 }, seed: .standard) { harness in
            try await harness.withEngine(configure: { $0.statementTimeout = .seconds(5) }) { engine in
                // The registry is read before the deadline counts, so that the deadline falls in the wait.
                _ = try await engine.execute("EXPLAIN INSERT INTO \(Self.sessions) (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 'slow-1')")
                do {
                    _ = try await engine.execute("INSERT /*+ AWAIT */ INTO \(Self.sessions) (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 'slow-1'), ('p', 'us-central1', 'slow-2')")
                    Issue.record("expected the deadline to stop the wait")
                } catch let error as OperationWaitError {
                    #expect(error.reason == .timedOut(.seconds(5)))
                    #expect(error.pending.count == 2)
                    #expect(error.description.contains("still running: projects/p/locations/us-central1/operations/"))
                }
            }
        }
    }
}

extension StatementPlanTests.Holding {
    /// Collects the first column of every row as text.
    final class Collecting: ResultHandler {
        let collected = Mutex<[String]>([])

        func columns(_ columns: [ResultSet.Column]) async throws {}
        func rows(_ rows: [[SQLValue]]) async throws {
            collected.withLock { $0 += rows.map { $0.map { $0.textValue ?? "" }.joined(separator: "|") } }
        }
        func finished(_ result: ResultSet) async throws {}
    }
}

extension Engine {
    /// Runs a script in `session` and returns the rows of its statements, each row's values joined by `|`.
    func texts(_ script: String, session: EngineSession) async throws -> [String] {
        let handler = StatementPlanTests.Holding.Collecting()
        try await execute(script: script, session: session, handler: handler)
        return handler.collected.withLock { $0 }
    }
}
