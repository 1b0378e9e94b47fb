import Foundation
import StackQ
import StackQEmulator
import Testing
@testable import StackQ

/// StackQL's `location: request` pagination: GitHub's `Link` header, followed to the last page.
@Suite struct LinkPaginationTests {
    @Test func aGitHubStyleListIsFollowedThroughItsLinkHeaders() async throws {
        let root = try #require(Bundle.module.url(forResource: "Fixtures/registry", withExtension: nil))
        let registry = Registry(root: root, cacheDirectory: nil)
        let users = try registry.service(provider: "github", name: "users")
        var configuration = EmulatorConfiguration()
        configuration.staticTokens = ["gh-token-123"]
        let emulator = Emulator(services: [users], configuration: configuration)
        let blocked: [JSONValue] = (1...75).map { .object([("name", .string("user/blocks/u\($0)")), ("login", .string("u\($0)")), ("id", .number(Double($0)))]) }
        try await emulator.seed(SeedData(collections: [("user/blocks", blocked)]))
        let url = try await emulator.start()
        defer { Task { await emulator.stop() } }
        let engine = try Engine(configuration: EngineConfiguration(
            registryPath: root.path, auth: AuthConfiguration(providers: ["github": .bearerEnvironment(variable: "GH")]),
            endpointOverrides: ["github": url.absoluteString], environment: ["GH": "gh-token-123"]))
        defer { Task { try? await engine.shutdown() } }
        let result = try await engine.execute("SELECT count(*), count(DISTINCT login), max(id) FROM github.users.blocking")[0]
        #expect(result.rows.map { $0.map(\.textValue) } == [["75", "75", "75"]])
        #expect(result.calls.map(\.pages) == [3])
        guard case .object(let statuses)? = await emulator.stats()["methods"]?["list_blocked_by_authenticated_user"] else {
            Issue.record("no stats for the list")
            return
        }
        #expect(statuses.map(\.key) == ["200"])
        #expect(statuses.first?.value == .number(3))
    }

    @Test(arguments: [
        (#"<https://api.github.com/user/blocks?page=2>; rel="next", <https://api.github.com/user/blocks?page=3>; rel="last""#, "https://api.github.com/user/blocks?page=2"),
        (#"<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next""#, "https://x/a?page=3"),
        (#"<https://x/a?page=1>; rel="first", <https://x/a?page=1>; rel="prev""#, nil),
        ("garbage", nil),
    ] as [(String, String?)])
    func theNextLinkIsRead(header: String, next: String?) {
        #expect(LinkHeader.next(in: header) == next)
    }
}
