import Foundation
import Testing
@testable import StackQ

@Suite struct RegistryLocatorTests {
    @Test func prefersAnExplicitPath() throws {
        let url = try RegistryLocator.locate(explicitPath: "/some/registry", environment: ["STACKQ_REGISTRY": "/env"],
                                             executableURL: nil)
        #expect(url.path == "/some/registry")
    }

    @Test func usesTheEnvironmentNext() throws {
        let url = try RegistryLocator.locate(environment: ["STACKQ_REGISTRY": "/env/registry"], executableURL: nil)
        #expect(url.path == "/env/registry")
    }

    @Test func walksUpFromTheExecutableToACloneProvidersFolder() throws {
        let clone = try RegistryFixtures.temporaryDirectory()
        let providers = clone.appendingPathComponent("providers")
        try FileManager.default.createDirectory(at: providers.appendingPathComponent("src"), withIntermediateDirectories: true)
        let binary = clone.appendingPathComponent(".build/debug/stackq")
        let url = try RegistryLocator.locate(environment: [:], executableURL: binary)
        #expect(url.standardizedFileURL.path == providers.standardizedFileURL.path)
    }

    @Test func findsTheInstalledShareFolder() throws {
        let prefix = try RegistryFixtures.temporaryDirectory()
        let shared = prefix.appendingPathComponent("share/stackq/providers")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let url = try RegistryLocator.locate(environment: [:], executableURL: prefix.appendingPathComponent("bin/stackq"))
        #expect(url.standardizedFileURL.path == shared.standardizedFileURL.path)
    }

    @Test func saysWhereItLookedWhenNothingIsFound() throws {
        let empty = try RegistryFixtures.temporaryDirectory()
        let error = #expect(throws: RegistryError.self) {
            try RegistryLocator.locate(environment: [:], executableURL: empty.appendingPathComponent("bin/stackq"))
        }
        #expect(error?.description.contains("share/stackq/providers") == true)
        #expect(error?.description.contains("STACKQ_REGISTRY") == true)
    }
}
