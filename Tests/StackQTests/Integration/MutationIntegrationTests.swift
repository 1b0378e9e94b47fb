import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// INSERT, UPDATE, DELETE and EXEC against the emulator, with and without waiting on their operations.
@Suite struct MutationIntegrationTests {
    static let parent = "projectsId = 'p' AND locationsId = 'us-central1'"

    static func state(_ harness: EmulatorHarness, _ id: String) async throws -> [[String?]] {
        try await harness.rows("SELECT state FROM google.dataproc.sessions WHERE \(parent) AND sessionsId = '\(id)'")
    }

    @Test func createAwaitTerminateAwaitDeleteAwait() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 2 }, seed: .standard) { harness in
            let created = try await harness.rows("""
                INSERT /*+ AWAIT */ INTO google.dataproc.sessions (projectsId, locationsId, sessionId, data__runtimeConfig, data__labels)
                SELECT 'p', 'us-central1', 'new-1', '{"version": "2.2"}', '{"team": "qa"}'
                """)
            #expect(created.count == 1)
            #expect(created[0][1] == "1")
            #expect(try await Self.state(harness, "new-1") == [["ACTIVE"]])
            #expect(try await harness.rows("SELECT json_extract(labels, '$.team'), json_extract(runtimeConfig, '$.version') FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = 'new-1'")
                == [["qa", "2.2"]])

            _ = try await harness.rows("EXEC /*+ AWAIT */ google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = 'p', @locationsId = 'us-central1', @sessionsId = 'new-1'")
            #expect(try await Self.state(harness, "new-1") == [["TERMINATED"]])

            _ = try await harness.rows("DELETE /*+ AWAIT */ FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = 'new-1'")
            #expect(try await Self.state(harness, "new-1").isEmpty)
            #expect(await harness.requests("projects_locations_sessions_get")["404"] == 1)
        }
    }

    @Test func withoutAwaitAMutationAnswersItsOperation() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 3 }, seed: .standard) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute("INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 'a'), ('p', 'us-central1', 'b')")[0]
            #expect(result.columns.map(\.name) == ["name", "done", "error"])
            #expect(result.rows.count == 2)
            #expect(result.rows.allSatisfy { $0[0].textValue?.hasPrefix("projects/p/locations/us-central1/operations/") == true && $0[1] == .integer(0) })
            #expect(result.calls.count == 2)
            #expect(try await Self.state(harness, "a") == [["CREATING"]])
        }
    }

    @Test func returningProjectsTheCreatedResource() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let rows = try await harness.rows("INSERT /*+ AWAIT */ INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 'r-1') RETURNING name, state")
            #expect(rows == [["projects/p/locations/us-central1/sessions/r-1", "ACTIVE"]])
        }
    }

    @Test func aWrongTypeForAFieldIsRefusedBeforeAnyCall() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            do {
                _ = try await harness.rows("INSERT INTO google.dataproc.sessions (projectsId, locationsId, data__labels) VALUES ('p', 'us-central1', 'not json')")
                Issue.record("expected a type error")
            } catch let error as PlanError {
                #expect(error.message == "data__labels: projects_locations_sessions_create takes labels as a JSON object, got 'not json'")
            }
            do {
                _ = try await harness.rows("INSERT INTO google.dataproc.sessions (projectsId, locationsId, nonsense) VALUES ('p', 'us-central1', 1)")
                Issue.record("expected an unknown column error")
            } catch let error as PlanError {
                #expect(error.message.contains("has no parameter or body field named nonsense"))
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    @Test func deleteWithAPredicateActsOnExactlyTheMatchingResources() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: .standard) { harness in
            _ = try await harness.rows("DELETE /*+ AWAIT */ FROM google.dataproc.sessions WHERE \(Self.parent) AND state = 'TERMINATED'")
            #expect(await harness.requests("projects_locations_sessions_delete") == ["200": 1])
            #expect(try await harness.rows("SELECT sessionsId FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = 'old-1'").isEmpty)
            #expect(try await harness.rows("SELECT count(*) FROM google.dataproc.sessions WHERE \(Self.parent)") == [["4"]])
        }
    }

    @Test func aDeleteWithoutItsRequiredParametersIsRefusedWithNoRequest() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            do {
                _ = try await harness.rows("DELETE FROM google.dataproc.sessions WHERE projectsId = 'p' AND sessionsId = 'etl-1'")
                Issue.record("expected the DELETE to be refused")
            } catch let error as PlanError {
                #expect(error.message.contains("DELETE refused, no call made"))
                #expect(error.message.contains("locationsId"))
            }
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    @Test func dryRunListsTheCallsADeleteWouldMake() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let rows = try await harness.rows("DELETE FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId IN ('old-1', 'bad-1')",
                                              engine: try harness.engine(dryRun: true))
            #expect(rows.map { $0[1] } == ["DELETE", "DELETE"])
            #expect(Set(rows.compactMap { $0[2]?.components(separatedBy: "?").first?.components(separatedBy: "/").last }) == ["old-1", "bad-1"])
            // A DELETE that selects first shows its read stage and what follows from it; it reads nothing.
            let selecting = try await harness.rows("DELETE FROM google.dataproc.sessions WHERE \(Self.parent) AND state IN ('TERMINATED', 'FAILED')",
                                                   engine: try harness.engine(dryRun: true))
            #expect(selecting.map { $0[1] } == ["GET", "DELETE"])
            #expect(selecting.last?[2] == "(one call per resource matching: state IN ('TERMINATED', 'FAILED'))")
            #expect(await harness.emulator.stats()["total"] == .number(0))
        }
    }

    @Test func createsUnderInjectedFaultsMakeExactlyOneResourcePerRow() async throws {
        try await EmulatorHarness.with({
            $0.faultRate = 0.3
            $0.operationPolls = 0
        }, seed: .standard) { harness in
            let values = (1...20).map { "('p', 'us-central1', 'f-\($0)')" }.joined(separator: ", ")
            _ = try await harness.rows("INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES \(values)")
            let created = await harness.requests("projects_locations_sessions_create")
            #expect((created["429"] ?? 0) + (created["503"] ?? 0) > 0)
            #expect(try await harness.rows("SELECT count(*) FROM google.dataproc.sessions WHERE \(Self.parent) AND name LIKE '%/f-%'") == [["20"]])
        }
    }

    @Test func anOperationEndingInErrorFailsTheStatement() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            do {
                _ = try await harness.rows("INSERT /*+ AWAIT */ INTO google.dataproc.sessions (projectsId, locationsId, sessionId, data__labels) VALUES ('p', 'us-central1', 'x', '{\"emulator-fail\": \"quota exceeded for cores\"}')")
                Issue.record("expected the operation's error")
            } catch let error as OperationFailure {
                #expect(error.description.contains("quota exceeded for cores"))
                #expect(error.description.contains("FAILED_PRECONDITION"))
            }
        }
    }

    @Test func timeoutStopsAWaitThatNeverEnds() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 1_000_000 }, seed: .standard) { harness in
            let engine = try harness.engine { $0.operationTimeout = .milliseconds(300) }
            defer { Task { try? await engine.shutdown() } }
            do {
                _ = try await engine.execute("INSERT /*+ AWAIT */ INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 'slow')")
                Issue.record("expected the wait to time out")
            } catch let error as OperationWaitError {
                #expect(error.pending.count == 1)
                #expect(error.description.contains("still running: projects/p/locations/us-central1/operations/"))
            }
        }
    }

    @Test func statesAlsoAdvanceWithTime() async throws {
        try await EmulatorHarness.with({
            $0.operationPolls = 1_000_000
            $0.operationDuration = .milliseconds(50)
        }, seed: .standard) { harness in
            _ = try await harness.rows("INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES ('p', 'us-central1', 't-1')")
            try await Task.sleep(for: .milliseconds(100))
            #expect(try await Self.state(harness, "t-1") == [["ACTIVE"]])
        }
    }

    @Test func updateBuildsTheUpdateMaskFromTheSetColumns() async throws {
        let project = SeedData(collections: [("projects", [.object([("name", .string("projects/proj-x")), ("projectId", .string("proj-x")),
                                                                      ("displayName", .string("Old")), ("state", .string("ACTIVE"))])])])
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: .standard, extraSeed: project) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute("UPDATE /*+ AWAIT */ google.cloudresourcemanager.projects SET displayName = 'Renamed' WHERE projectsId = 'proj-x'")[0]
            #expect(result.calls.count == 1)
            #expect(result.calls[0].url.contains("updateMask=displayName"))
            #expect(try await harness.rows("SELECT displayName FROM google.cloudresourcemanager.projects WHERE projectsId = 'proj-x'") == [["Renamed"]])
        }
    }

    @Test func notebookJobsCreateListGetDelete() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 1 }, seed: .standard) { harness in
            let created = try await harness.rows("""
                INSERT /*+ AWAIT */ INTO google.aiplatform.notebook_execution_jobs
                  (projectsId, locationsId, notebookExecutionJobId, data__displayName, data__gcsNotebookSource, data__gcsOutputUri)
                VALUES ('p', 'us-central1', '200', 'nightly', '{"uri": "gs://b/n.ipynb"}', 'gs://b/out')
                RETURNING name, displayName
                """)
            #expect(created == [["projects/p/locations/us-central1/notebookExecutionJobs/200", "nightly"]])
            #expect(try await harness.rows("SELECT count(*) FROM google.aiplatform.notebook_execution_jobs WHERE \(Self.parent)") == [["4"]])
            #expect(try await harness.rows("SELECT displayName FROM google.aiplatform.notebook_execution_jobs WHERE \(Self.parent) AND notebookExecutionJobsId = '200'") == [["nightly"]])
            _ = try await harness.rows("DELETE /*+ AWAIT */ FROM google.aiplatform.notebook_execution_jobs WHERE \(Self.parent) AND notebookExecutionJobsId = '200'")
            #expect(try await harness.rows("SELECT count(*) FROM google.aiplatform.notebook_execution_jobs WHERE \(Self.parent)") == [["3"]])
            // Vertex AI names operations under the job: the create's and the delete's AWAIT polled the job's own.
            guard case .object(let methods)? = await harness.emulator.stats()["methods"] else {
                Issue.record("the emulator's stats have no methods")
                return
            }
            let polls = methods.first { $0.key == "projects_locations_notebook_execution_jobs_operations_get" }?.value
            #expect(polls?["200"] == .number(2), "\(methods)")
        }
    }

    @Test func injectCredentialsSendsItsBody() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            _ = try await harness.rows("""
                EXEC google.dataproc.sessions.projects_locations_sessions_inject_credentials
                  @projectsId = 'p', @locationsId = 'us-central1', @sessionsId = 'etl-1'
                  @@json = '{"credentialsCiphertext": "Y2lwaGVy"}'
                """)
            let body = await harness.emulator.stats()["lastBodies"]?["projects_locations_sessions_inject_credentials"]
            #expect(body == .object([("credentialsCiphertext", .string("Y2lwaGVy"))]))
        }
    }

    @Test func execNamesWhatIsMissing() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            do {
                _ = try await harness.rows("EXEC google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = 'p', @locationsId = 'us-central1'")
                Issue.record("expected a missing parameter")
            } catch let error as PlanError {
                #expect(error.message.hasPrefix("EXEC google.dataproc.sessions.projects_locations_sessions_terminate needs @sessionsId"))
            }
        }
    }

    @Test func showInsertWritesAnEditableStatement() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let all = try await harness.rows("SHOW INSERT INTO google.dataproc.sessions")[0][0] ?? ""
            #expect(all.hasPrefix("INSERT /*+ AWAIT */ INTO google.dataproc.sessions (\n  projectsId,\n  locationsId,\n  sessionId,"))
            #expect(all.contains("data__runtimeConfig"))
            #expect(!all.contains("data__state"))
            let required = try await harness.rows("SHOW /*+ REQUIRED */ INSERT INTO google.dataproc.sessions")[0][0] ?? ""
            #expect(required.contains("projectsId") && !required.contains("requestId") && !required.contains("data__labels"))
        }
    }
}
