import Foundation
@testable import StackQ
import Testing

/// Issue 14 item 5: a redirect to another origin is not followed; same-origin ones at most 5 times.
@Suite struct HostileRedirectTests {
    @Test func aRedirectToAnotherOriginFailsShowingTheLocation() async throws {
        let harness = try await HostileHarness.start()
        let other = try await HostileServer.start()
        defer { Task { await harness.stop(); await other.stop() } }
        let error = try #require(await harness.error(HostileHarness.list("redirect-to-\(other.port)")) as? TransportError)
        #expect(error.kind == .redirect)
        #expect(error.description.contains("another origin"))
        #expect(error.description.contains("Location: http://127.0.0.1:\(other.port)/v1/projects/good"))
        #expect(other.requests.isEmpty)
    }

    @Test func aSameOriginRedirectIsFollowed() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        #expect(try await harness.rows(HostileHarness.list("redirect-same")).count == 2)
        #expect(harness.server.requests.last?.header("Authorization") == "Bearer \(HostileHarness.token)")
    }

    @Test func aSeeOtherTurnsTheRequestIntoAGetWithoutABody() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        _ = await harness.error("INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES ('see-other', 'l', 'x')")
        let requests = harness.server.requests
        #expect(requests.map(\.method) == ["POST", "GET"])
        #expect(requests.last?.uri.hasPrefix("/v1/projects/good/locations/l/sessions") == true)
        #expect(requests.last?.header("Content-Type") == nil)
    }

    @Test func aRedirectLoopStopsAfterFiveFollows() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list("redirect-loop")) as? TransportError)
        #expect(error.kind == .redirect)
        #expect(error.description.contains("more than 5 redirects"))
        #expect(harness.server.count("redirect-loop") == 6)
    }
}
