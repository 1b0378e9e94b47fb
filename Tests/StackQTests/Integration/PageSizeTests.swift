import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Fewer round trips: Google lists ask for the largest page, compact JSON, and fall back once on a 400.
@Suite struct PageSizeTests {
    static let sql = "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"

    @Test func aListAsksForTheLargestPageAndCompactJSON() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 230)) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute(Self.sql)[0]
            #expect(result.rows == [[.integer(230)]])
            #expect(result.calls.map(\.url) == ["\(harness.baseURL.absoluteString)/v1/projects/demo/locations/us-central1/sessions?pageSize=1000&prettyPrint=false&fields=sessions%28name%29%2CnextPageToken"])
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 1])
        }
    }

    @Test func aBoundPageSizeIsSentAsGiven() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 230)) { harness async throws in
            #expect(try await harness.rows(Self.sql + " AND pageSize = 100") == [["230"]])
            #expect(await harness.requests("projects_locations_sessions_list") == ["200": 3])
        }
    }

    @Test func aServiceRefusingThePageSizeIsAskedWithoutItAndNotAgain() async throws {
        try await EmulatorHarness.with({
            $0.rejectsPageSizeAbove = 100
        }, generate: GenerateSpec(sessions: 230)) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            #expect(try await engine.execute(Self.sql)[0].rows == [[.integer(230)]])
            // One 400, then the default page of 50: five pages.
            #expect(await harness.requests("projects_locations_sessions_list") == ["400": 1, "200": 5])
            #expect(try await engine.execute(Self.sql)[0].rows == [[.integer(230)]])
            #expect(await harness.requests("projects_locations_sessions_list") == ["400": 1, "200": 10])
        }
    }
}
