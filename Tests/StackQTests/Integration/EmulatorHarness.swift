import Foundation
import StackQ
import StackQEmulator
import Synchronization
import Testing

/// An emulator on an ephemeral loopback port serving the bundled dataproc and aiplatform providers, and an engine
/// pointed at it with a bearer token — the real HTTP path, end to end.
struct EmulatorHarness {
    static let token = "integration-token"
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let providers = repository.appendingPathComponent("providers")

    let emulator: Emulator
    let baseURL: URL

    /// Starts an emulator seeded from `Fixtures/seed.json` (and with `generate`, when given).
    static func start(generate: GenerateSpec? = nil, seed: Bool = true, extraSeed: SeedData? = nil,
                      configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> EmulatorHarness {
        let registry = Registry(root: providers)
        let services = try [registry.service(provider: "google", name: "dataproc"),
                            registry.service(provider: "google", name: "aiplatform"),
                            registry.service(provider: "google", name: "cloudresourcemanager")]
        var configuration = EmulatorConfiguration()
        configuration.staticTokens = [token]
        configure(&configuration)
        let emulator = Emulator(services: services, configuration: configuration)
        if seed {
            let url = try #require(Bundle.module.url(forResource: "Fixtures/seed", withExtension: "json"))
            try await emulator.seed(SeedData(contentsOf: url))
        }
        if let extraSeed { try await emulator.seed(extraSeed) }
        if let generate { _ = await emulator.generate(generate) }
        return EmulatorHarness(emulator: emulator, baseURL: try await emulator.start())
    }

    /// An engine whose google calls go to this emulator.
    func engine(pageLimit: Int? = nil, dryRun: Bool = false, observer: (any EngineObserver)? = nil,
                retry: RetryPolicy = RetryPolicy(maximumAttempts: 8, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(20)),
                configure: (inout EngineConfiguration) -> Void = { _ in }) throws -> Engine {
        var configuration = EngineConfiguration(
            registryPath: EmulatorHarness.providers.path,
            auth: AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "EMULATOR_TOKEN")]),
            endpointOverrides: ["google": baseURL.absoluteString],
            pageLimit: pageLimit, dryRun: dryRun, retry: retry,
            environment: ["EMULATOR_TOKEN": EmulatorHarness.token], observer: observer)
        configuration.operationPollInterval = (.milliseconds(5), .milliseconds(20))
        configure(&configuration)
        return try Engine(configuration: configuration)
    }

    /// Runs one statement and returns its rows as text (NULL as nil).
    func rows(_ sql: String, engine: Engine? = nil) async throws -> [[String?]] {
        let engine = try engine ?? self.engine()
        do {
            let results = try await engine.execute(sql)
            try await engine.shutdown()
            return results.last.map { $0.rows.map { $0.map(\.textValue) } } ?? []
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    /// How many requests the emulator answered for `method`, by HTTP status.
    func requests(_ method: String) async -> [String: Int] {
        guard case .object(let statuses)? = await emulator.stats()["methods"]?[method] else { return [:] }
        var counts: [String: Int] = [:]
        for (status, value) in statuses {
            if case .number(let n) = value { counts[status] = Int(n) }
        }
        return counts
    }

    func stop() async {
        await emulator.stop()
    }
}

/// Collects warnings for assertions.
final class RecordingObserver: EngineObserver {
    private let recorded = Mutex<[String]>([])

    var warnings: [String] { recorded.withLock { $0 } }

    func statementStarted(progress: CallProgress) {}
    func statementFinished() {}
    func warning(_ message: String) { recorded.withLock { $0.append(message) } }
}
