import Foundation
import StackQ
import StackQTesting
import Testing
@testable import StackQ

/// The library's entry points: bind parameters and the scoped engine.
@Suite struct LibraryTests {
    struct Boom: Error {}

    @Test func bindParametersAreLiteralsWhereverTheyStand() async throws {
        let rows = try await Engine.withEngine(EngineConfiguration(registryPath: EmulatorHarness.providers.path)) { engine in
            // As in SQLite: `?` takes one more than the largest number so far, a name keeps its first number.
            try await engine.execute("SELECT ? AS a, ?2 AS b, :n AS c, :n || ? AS d", parameters: [.text("it's"), .integer(7), .real(1.5), .text("!")])[0].rows
        }
        #expect(rows == [[.text("it's"), .integer(7), .real(1.5), .text("1.5!")]])
    }

    @Test func bindParametersBindAPIParameters() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute("SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = ? AND locationsId = ?",
                                                  parameters: [.text("p"), .text("us-central1")])
            #expect(result[0].rows == [[.integer(5)]])
        }
    }

    @Test func aMismatchOfParametersIsAnError() async throws {
        try await Engine.withEngine(EngineConfiguration(registryPath: EmulatorHarness.providers.path)) { engine in
            await #expect(throws: PlanError.self) { _ = try await engine.execute("SELECT ?, ?", parameters: [.integer(1)]) }
            await #expect(throws: PlanError.self) { _ = try await engine.execute("SELECT ?", parameters: [.integer(1), .integer(2)]) }
        }
    }

    @Test func withEngineShutsDownWhenTheBodyThrows() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            var configuration = EngineConfiguration(registryPath: EmulatorHarness.providers.path,
                                                    auth: AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "T")]),
                                                    endpointOverrides: ["google": harness.baseURL.absoluteString],
                                                    environment: ["T": EmulatorHarness.token])
            configuration.concurrency = 2
            nonisolated(unsafe) var kept: Engine?
            await #expect(throws: Boom.self) {
                try await Engine.withEngine(configuration) { engine in
                    kept = engine
                    _ = try await engine.execute("SELECT 1 FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'")
                    throw Boom()
                }
            }
            let engine = try #require(kept)
            #expect(await engine.isShutDown)
        }
    }
}
