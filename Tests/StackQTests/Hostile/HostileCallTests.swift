import Foundation
@testable import StackQ
import Testing

/// Issue 14 items 9 and 10: an empty path value is refused before any call; a missing resource is no row.
@Suite struct HostileCallTests {
    @Test func anEmptyPathValueIsAnErrorBeforeAnyCall() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(
            "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'good' AND locationsId = 'l' AND sessionsId = ''") as? PlanError)
        #expect(error.message.contains("sessionsId = '' is empty"))
        #expect(harness.server.requests.isEmpty)
    }

    @Test func aGetThatAnswers404IsNoRow() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let rows = try await harness.rows("""
            SELECT name FROM google.dataproc.sessions
            WHERE projectsId = 'good' AND locationsId = 'l' AND sessionsId IN ('a', 'missing-b', 'c') ORDER BY name
            """)
        #expect(rows == [["projects/good/locations/l/sessions/a"], ["projects/good/locations/l/sessions/c"]])
        #expect(harness.server.requests.count == 3)
    }

    @Test func aListThatAnswers404IsStillAnError() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list("echo-404")) as? APIError)
        #expect(error.httpStatus == 404)
    }

    /// A page with a lone surrogate materialises (SQLite reads it as U+FFFD); the same bytes in a mutation's answer
    /// are still its operation, not `{}`.
    @Test func aMutationAnswerWithALoneSurrogateStillYieldsItsOperation() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let rows = try await harness.rows("""
            EXEC google.dataproc.sessions.projects_locations_sessions_terminate
              @projectsId = 'operation-surrogate', @locationsId = 'l', @sessionsId = 's1'
            """)
        #expect(rows == [["projects/operation-surrogate/locations/l/operations/op-1", "0", nil]])
    }
}
