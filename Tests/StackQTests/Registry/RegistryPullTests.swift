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

    private static let seed = SeedData(collections: [("projects/p/zones/us-central1-a/instances", [
        .object([("name", .string("vm-1")), ("status", .string("RUNNING"))]),
    ])])
    private static let instances = "SELECT name, status FROM google.compute.instances WHERE project = 'p' AND zone = 'us-central1-a'"

    @Test func pullsAServiceIntoTheCacheAndQueriesIt() async throws {
        let (registry, cache, compute, document) = try Self.setUp()
        try await EmulatorHarness.with({ $0.discoveryDocuments = [document] }, seed: Self.seed, services: [compute]) { harness in
            try await harness.withEngine(registryPath: registry.path, configure: { $0.registryCacheDirectory = cache }) { engine in
                let pulled = try await engine.execute("REGISTRY PULL google compute")[0]
                #expect(pulled.rows.map { $0[0].textValue } == ["compute"])
                #expect(try await harness.rows(Self.instances, engine: engine) == [["vm-1", "RUNNING"]])
                let list = try await engine.execute("REGISTRY LIST google")[0]
                let rows = list.rows.map { $0.map(\.textValue) }
                #expect(rows.contains(["google", "v00.00.00000", "compute", "20261106", "pulled"]))
                #expect(rows.contains { $0[2] == "dataproc" && $0[4] == "bundled" })
            }
        }
        // A later engine on the same cache finds the pulled service, from a server with no Discovery service.
        try await EmulatorHarness.with(seed: Self.seed, services: [compute]) { harness in
            let again = try await harness.withEngine(registryPath: registry.path,
                                                     configure: { $0.registryCacheDirectory = cache }) { engine in
                try await harness.rows(Self.instances, engine: engine)
            }
            #expect(again == [["vm-1", "RUNNING"]])
        }
    }

    @Test func aServiceNotInTheRegistryIsPulledOnFirstUse() async throws {
        let (registry, cache, compute, document) = try Self.setUp()
        try await EmulatorHarness.with({ $0.discoveryDocuments = [document] }, seed: Self.seed, services: [compute]) { harness in
            try await harness.withEngine(registryPath: registry.path, configure: { $0.registryCacheDirectory = cache }) { engine in
                #expect(try await harness.rows(Self.instances, engine: engine) == [["vm-1", "RUNNING"]])
                let rows = try await engine.execute("REGISTRY LIST google")[0].rows.map { $0.map(\.textValue) }
                #expect(rows.contains { $0[2] == "compute" && $0[4] == "pulled" })
            }
        }
    }

    @Test func aDryRunPullsNothingAndSaysWhatToRun() async throws {
        let (registry, cache, compute, document) = try Self.setUp()
        try await EmulatorHarness.with({ $0.discoveryDocuments = [document] }, services: [compute]) { harness in
            try await harness.withEngine(registryPath: registry.path, configure: {
                $0.registryCacheDirectory = cache
                $0.dryRun = true
            }) { engine in
                let error = await #expect(throws: RegistryError.self) { try await engine.execute(Self.instances) }
                #expect(error?.description.contains("REGISTRY PULL google compute") == true)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: DiscoveryPull.root(cacheDirectory: cache).path))
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
