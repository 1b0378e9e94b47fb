import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StackQ
import StackQEmulator
import Synchronization

/// An emulator on an ephemeral loopback port for one test, with the two ways tests talk to it: engines pointed at
/// it with a bearer token (the real HTTP path, end to end) and plain HTTP requests.
///
/// ```swift
/// try await EmulatorHarness.with(seed: .standard) { harness in
///     let rows = try await harness.rows("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'")
///     #expect(rows.count == 5)
/// }
/// ```
///
/// ``with(_:seed:extraSeed:generate:services:_:)`` stops the emulator when its body returns or throws, so no test
/// leaves a server running.
public struct EmulatorHarness: Sendable {
    /// The bearer token the emulator accepts and the harness's engines send.
    public static let token = "test-token"
    /// The `providers/` folder of this repository: the bundled registry.
    public static let providers = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("providers")
    /// `seed.json`: the standard test data (project `p`, both locations, every session state, notebook jobs).
    public static let standardSeedURL = Bundle.module.url(forResource: "seed", withExtension: "json")!

    /// The running emulator.
    public let emulator: Emulator
    /// Where it listens: `http://127.0.0.1:PORT`.
    public let baseURL: URL

    /// Runs `body` against a started emulator, stopping it afterwards whether `body` returns or throws.
    ///
    /// - Parameters:
    ///   - configure: changes to the emulator's configuration (its static tokens already hold ``token``).
    ///   - seed: data to seed it with (``SeedData/standard`` for the standard data); nothing by default.
    ///   - extraSeed: more data, seeded after `seed`.
    ///   - generate: generated sessions and jobs, added last.
    ///   - services: what it serves; google dataproc, aiplatform and cloudresourcemanager by default.
    ///   - body: the test, given the running emulator; its value is returned.
    public static func with<T>(
        _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
        seed: SeedData? = nil,
        extraSeed: SeedData? = nil,
        generate: GenerateSpec? = nil,
        services: [ProviderService]? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        var configuration = EmulatorConfiguration(staticTokens: [token])
        configure(&configuration)
        let emulator = Emulator(services: services ?? BundledServices.standard, configuration: configuration)
        do {
            if let seed { try await emulator.seed(seed) }
            if let extraSeed { try await emulator.seed(extraSeed) }
            if let generate { _ = await emulator.generate(generate) }
            let harness = EmulatorHarness(emulator: emulator, baseURL: try await emulator.start())
            let result = try await body(harness)
            await emulator.stop()
            return result
        } catch {
            await emulator.stop()
            throw error
        }
    }

    // MARK: Engines

    /// The configuration of an engine whose calls to `provider` go to this emulator, with ``token`` as its bearer
    /// token and short operation polls, reading the registry at `registryPath` (the bundled one by default).
    public func engineConfiguration(
        pageLimit: Int? = nil, dryRun: Bool = false, observer: (any EngineObserver)? = nil,
        retry: RetryPolicy = RetryPolicy(maximumAttempts: 8, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(20)),
        provider: String = "google", registryPath: String = EmulatorHarness.providers.path
    ) -> EngineConfiguration {
        var configuration = EngineConfiguration(
            registryPath: registryPath,
            auth: AuthConfiguration(providers: [provider: .bearerEnvironment(variable: "EMULATOR_TOKEN")]),
            endpointOverrides: [provider: baseURL.absoluteString],
            pageLimit: pageLimit, dryRun: dryRun, retry: retry,
            environment: ["EMULATOR_TOKEN": EmulatorHarness.token], observer: observer)
        configuration.operationPollInterval = (.milliseconds(5), .milliseconds(20))
        // Tests leave nothing in the user's cache folder.
        configuration.registryCacheDirectory = nil
        return configuration
    }

    /// An engine whose google calls go to this emulator (see
    /// ``engineConfiguration(pageLimit:dryRun:observer:retry:provider:registryPath:)``);
    /// the caller shuts it down, or uses ``withEngine(provider:registryPath:configure:_:)``.
    public func engine(pageLimit: Int? = nil, dryRun: Bool = false, observer: (any EngineObserver)? = nil,
                       retry: RetryPolicy = RetryPolicy(maximumAttempts: 8, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(20)),
                       configure: (inout EngineConfiguration) -> Void = { _ in }) throws -> Engine {
        var configuration = engineConfiguration(pageLimit: pageLimit, dryRun: dryRun, observer: observer, retry: retry)
        configure(&configuration)
        return try Engine(configuration: configuration)
    }

    /// Runs `body` with an engine whose calls to `provider` go to this emulator (see
    /// ``engineConfiguration(pageLimit:dryRun:observer:retry:provider:registryPath:)``), shut down afterwards
    /// whether `body` returns or throws.
    public func withEngine<T>(provider: String = "google", registryPath: String = EmulatorHarness.providers.path,
                              configure: (inout EngineConfiguration) -> Void = { _ in },
                              isolation: isolated (any Actor)? = #isolation,
                              _ body: (Engine) async throws -> T) async throws -> T {
        var configuration = engineConfiguration(provider: provider, registryPath: registryPath)
        configure(&configuration)
        return try await Engine.withEngine(configuration, isolation: isolation, body)
    }

    /// Runs a script and returns the rows of its last statement as text (NULL as nil). With no `engine`, one is
    /// made for it and shut down afterwards.
    public func rows(_ sql: String, engine: Engine? = nil) async throws -> [[String?]] {
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

    /// How many requests the emulator answered for `method` (`projects.locations.sessions.list`), by HTTP status.
    public func requests(_ method: String) async -> [String: Int] {
        guard case .object(let statuses)? = await emulator.stats()["methods"]?[method] else { return [:] }
        var counts: [String: Int] = [:]
        for (status, value) in statuses {
            if case .number(let n) = value { counts[status] = Int(n) }
        }
        return counts
    }

    // MARK: Plain HTTP

    /// Sends one request to the emulator (with ``token`` unless told otherwise) and reads the whole response.
    public func request(_ method: HTTPMethod = .GET, _ path: String, token: String? = EmulatorHarness.token,
                        body: String? = nil, contentType: String = "application/json") async throws -> TestResponse {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return TestResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                            bytes: Array(buffer.readableBytesView))
    }

    /// A GET of `path`.
    public func get(_ path: String, token: String? = EmulatorHarness.token) async throws -> TestResponse {
        try await request(.GET, path, token: token)
    }

    /// A POST of `body` to `path`.
    public func post(_ path: String, _ body: String = "{}", token: String? = EmulatorHarness.token) async throws -> TestResponse {
        try await request(.POST, path, token: token, body: body)
    }

    /// A DELETE of `path`.
    public func delete(_ path: String) async throws -> TestResponse {
        try await request(.DELETE, path)
    }

    /// Polls an operation until it is done (at most `limit` times); returns the last state read.
    public func waitForOperation(_ operation: JSONValue, limit: Int = 20) async throws -> JSONValue {
        var current = operation
        var polls = 0
        while current["done"] != .bool(true) {
            guard polls < limit, let name = current["name"]?.stringValue else { return current }
            current = try await get("/v1/\(name)").json
            polls += 1
        }
        return current
    }

    /// How many requests for `method` the emulator answered with `status`, from `/_emulator/stats`.
    public func count(_ method: String, status: Int) async throws -> Int {
        let stats = try await get("/_emulator/stats", token: nil).json
        guard case .number(let n) = stats["methods"]?[method]?[String(status)] ?? .null else { return 0 }
        return Int(n)
    }
}

/// A response as tests look at it.
public struct TestResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The headers in the order they came.
    public var headers: [(String, String)]
    /// The body.
    public var bytes: [UInt8]

    /// The body parsed as JSON (`null` when it is not JSON).
    public var json: JSONValue { (try? JSONValue(parsing: bytes)) ?? .null }
    /// The body as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The first header named `name` (case-insensitively).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// `error.status` of a Google error body.
    public var errorStatus: String? { json["error"]?["status"]?.stringValue }
}

/// The services of the bundled registry that the emulator tests serve.
public enum BundledServices {
    /// The bundled registry, without a cache folder.
    public static let registry = Registry(root: EmulatorHarness.providers, cacheDirectory: nil)

    /// google.dataproc.
    public static let dataproc = load("dataproc")
    /// google.aiplatform.
    public static let aiplatform = load("aiplatform")
    /// google.cloudresourcemanager.
    public static let cloudresourcemanager = load("cloudresourcemanager")

    /// dataproc, aiplatform and cloudresourcemanager: what ``EmulatorHarness`` serves unless told otherwise.
    public static var standard: [ProviderService] { [dataproc, aiplatform, cloudresourcemanager] }

    /// A bundled google service. The registry is part of this repository: a service missing from it is a broken
    /// checkout, and stops the test run saying which.
    private static func load(_ name: String) -> ProviderService {
        do {
            return try registry.service(provider: "google", name: name)
        } catch {
            fatalError("cannot load google.\(name) from \(EmulatorHarness.providers.path): \(error)")
        }
    }
}

extension SeedData {
    /// The standard test data of `seed.json`: project `p` with sessions in every state in two locations, notebook
    /// execution jobs, and operations.
    public static var standard: SeedData {
        get throws { try SeedData(contentsOf: EmulatorHarness.standardSeedURL) }
    }
}

/// An ``EngineObserver`` that keeps the warnings, for assertions.
public final class RecordingObserver: EngineObserver {
    private let recorded = Mutex<[String]>([])

    /// A new observer with no warnings.
    public init() {}

    /// The warnings so far, in order.
    public var warnings: [String] { recorded.withLock { $0 } }

    /// Does nothing: only warnings are kept.
    public func statementStarted(progress: CallProgress) {}
    /// Does nothing: only warnings are kept.
    public func statementFinished() {}
    /// Keeps `message` for ``warnings``.
    public func warning(_ message: String) { recorded.withLock { $0.append(message) } }
}
