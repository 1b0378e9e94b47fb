import Foundation
@testable import StackQ
import Testing

/// Issue 14 item 13: a gzip page may not inflate past 64 MB.
@Suite struct HostileLimitTests {
    @Test(.timeLimit(.minutes(1)))
    func aGzipPageInflatingPast64MBIsAClearError() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let error = try #require(await harness.error(HostileHarness.list("gzip")) as? TransportError)
        #expect(error.kind == .responseTooLarge)
        #expect(error.description.contains("larger than 64 MB"), "\(error)")
        #expect(harness.server.count("gzip") == 1)
    }
}
