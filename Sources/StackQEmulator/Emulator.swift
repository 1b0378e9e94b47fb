import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import StackQ

/// A local emulator of Google-style REST APIs, serving every resource of the services it is given on
/// 127.0.0.1.
///
/// Lists page with `pageSize`/`pageToken`, creates and deletes return long-running operations that complete after
/// a configurable number of polls, errors use Google's JSON shape, every call needs a bearer token, and faults
/// can be injected. Resources come from a seed (``seed(_:)``) or the generator (``generate(_:)``).
///
/// ```swift
/// let dataproc = try registry.service(provider: "google", name: "dataproc")
/// let emulator = Emulator(services: [dataproc], configuration: .init(staticTokens: ["t"]))
/// try await emulator.seed(SeedData(contentsOf: seedFile))
/// let baseURL = try await emulator.start()   // http://127.0.0.1:<free port>
/// // … GET \(baseURL)/v1/projects/demo/locations/us-central1/sessions with "Authorization: Bearer t"
/// await emulator.stop()
/// ```
public actor Emulator {
    /// The configuration the emulator was created with.
    public let configuration: EmulatorConfiguration
    let store: EmulatorStore
    let routes: RouteTable
    private let logger: Logger
    private var serverTask: Task<Void, any Error>?
    private var serviceGroup: ServiceGroup?
    /// `http://127.0.0.1:PORT` while running, nil otherwise.
    public private(set) var baseURL: URL?

    /// Creates an emulator for `services` (as the registry loads them); nothing listens until ``start()``.
    ///
    /// - Parameters:
    ///   - services: The services whose resources it serves.
    ///   - configuration: Its port, tokens, paging, operations and faults.
    ///   - logger: Receives the HTTP server's own messages; by default they are discarded. Tokens are
    ///     never logged.
    public init(services: [ProviderService], configuration: EmulatorConfiguration = EmulatorConfiguration(),
                logger: Logger? = nil) {
        self.configuration = configuration
        store = EmulatorStore(configuration: configuration)
        routes = RouteTable(services: services)
        self.logger = logger ?? Logger(label: "stackq.emulator", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    /// Adds the resources of a seed document.
    ///
    /// - Throws: ``SeedError`` for an item without a `name` inside its collection, or a name seeded twice.
    public func seed(_ seed: SeedData) async throws {
        for (collection, items) in seed.collections {
            try await store.seed(collection: collection, items: items)
        }
    }

    /// Adds generated resources (see ``GenerateSpec``); returns how many.
    @discardableResult
    public func generate(_ spec: GenerateSpec) async -> Int {
        var count = 0
        for batch in DataGenerator(spec: spec, now: configuration.clock.now()).batches() {
            await store.seed(collection: batch.collection, serialized: batch.items)
            count += batch.items.count
        }
        return count
    }

    /// The number of resources currently stored.
    public var resourceCount: Int {
        get async { await store.resourceCount }
    }

    /// Request counts by method and status, as `GET /_emulator/stats` returns them.
    public func stats() async -> JSONValue {
        (try? JSONValue(parsing: await store.statsJSON())) ?? .null
    }

    /// Starts listening on 127.0.0.1 (the configured port, or a free one for 0) and returns the base URL.
    ///
    /// - Throws: ``EmulatorError`` when it is already running or the port cannot be bound.
    @discardableResult
    public func start() async throws -> URL {
        guard serverTask == nil else { throw EmulatorError.alreadyRunning }
        let responder = EmulatorResponder(routes: routes, store: store, configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: configuration.port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        serverTask = task
        serviceGroup = group
        var bound: Int?
        for await port in ports {
            bound = port
            break
        }
        guard let port = bound, port > 0 else {
            serverTask = nil
            serviceGroup = nil
            let result = await task.result
            if case .failure(let error) = result {
                throw EmulatorError.cannotListen(port: configuration.port, reason: "\(error)")
            }
            throw EmulatorError.cannotListen(port: configuration.port, reason: "the server stopped before listening")
        }
        let url = URL(string: "http://127.0.0.1:\(port)")!
        baseURL = url
        return url
    }

    /// Stops listening and waits for the server to shut down; the stored data stays.
    public func stop() async {
        guard let task = serverTask else { return }
        await serviceGroup?.triggerGracefulShutdown()
        _ = await task.result
        serverTask = nil
        serviceGroup = nil
        baseURL = nil
    }
}
