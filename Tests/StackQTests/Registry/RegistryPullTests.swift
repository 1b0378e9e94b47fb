import Foundation
import StackQEmulator
import StackQTesting
import Testing
@testable import StackQ

/// `REGISTRY PULL google …` against the emulator's Discovery service: offline, into a temporary registry cache.
@Suite struct RegistryPullTests {
    /// A registry that ships only dataproc, and compute as the emulator serves it.
    private static func setUp() throws -> (registry: URL, cache: URL, compute: ProviderService, document: URL) {
        let registry = try RegistryFixtures.temporaryDirectory()
        _ = try DiscoveryImporter.importDocuments([RegistryFixtures.discovery("dataproc.v1.sessions.json")],
                                                  into: registry, overlaysDirectory: nil)
        let serving = try RegistryFixtures.temporaryDirectory()
        let document = RegistryFixtures.discovery("compute.v1.instances.json")
        _ = try DiscoveryImporter.importDocuments([document], into: serving, overlaysDirectory: nil)
        let compute = try Registry(root: serving, cacheDirectory: nil).service(provider: "google", name: "compute")
        return (registry, try RegistryFixtures.temporaryDirectory(), compute, document)
    }

    @Test func pullsAServiceIntoTheCacheAndQueriesIt() async throws {
        let (registry, cache, compute, document) = try Self.setUp()
        let seed = SeedData(collections: [("projects/p/zones/us-central1-a/instances", [
            .object([("name", .string("vm-1")), ("status", .string("RUNNING"))]),
        ])])
        try await EmulatorHarness.with({ $0.discoveryDocuments = [document] }, seed: seed, services: [compute]) { harness in
            try await harness.withEngine(registryPath: registry.path, configure: { $0.registryCacheDirectory = cache }) { engine in
                let sql = "SELECT name, status FROM google.compute.instances WHERE project = 'p' AND zone = 'us-central1-a'"
                await #expect(throws: (any Error).self) { try await engine.execute(sql) }
                let pulled = try await engine.execute("REGISTRY PULL google compute")[0]
                #expect(pulled.rows.map { $0[0].textValue } == ["compute"])
                #expect(try await harness.rows(sql, engine: engine) == [["vm-1", "RUNNING"]])
                let list = try await engine.execute("REGISTRY LIST google")[0]
                let rows = list.rows.map { $0.map(\.textValue) }
                #expect(rows.contains(["google", "v00.00.00000", "compute", "20261106", "pulled"]))
                #expect(rows.contains { $0[2] == "dataproc" && $0[4] == "bundled" })
            }
            // A later engine on the same cache finds the pulled service without pulling again.
            let again = try await harness.withEngine(registryPath: registry.path,
                                                     configure: { $0.registryCacheDirectory = cache }) { engine in
                try await harness.rows("SELECT name FROM google.compute.instances WHERE project = 'p' AND zone = 'us-central1-a'",
                                       engine: engine)
            }
            #expect(again == [["vm-1"]])
        }
    }

    @Test func aServiceTheDirectoryDoesNotListIsNamedInTheError() async throws {
        let (registry, cache, compute, document) = try Self.setUp()
        try await EmulatorHarness.with({ $0.discoveryDocuments = [document] }, services: [compute]) { harness in
            try await harness.withEngine(registryPath: registry.path, configure: { $0.registryCacheDirectory = cache }) { engine in
                let error = await #expect(throws: DiscoveryPull.Failure.self) {
                    try await engine.execute("REGISTRY PULL google computer")
                }
                #expect(error?.description.contains("no API named computer; did you mean compute?") == true)
            }
        }
    }

    @Test func noNetworkSaysWhatToDo() async throws {
        let (registry, cache, _, _) = try Self.setUp()
        var configuration = EngineConfiguration(registryPath: registry.path)
        configuration.registryCacheDirectory = cache
        // Nothing listens on port 9 of loopback.
        configuration.endpointOverrides = ["google": "http://127.0.0.1:9"]
        let error = await #expect(throws: DiscoveryPull.Failure.self) {
            try await Engine.withEngine(configuration) { try await $0.execute("REGISTRY PULL google compute") }
        }
        #expect(error?.description.contains("REGISTRY PULL again") == true)
    }
}
