import Foundation
import StackQ
import StackQTesting
import Synchronization
import Testing

/// A ``HostileServer`` and engines pointed at it, with a bearer token read "from a file" (trailing newline).
struct HostileHarness {
    static let token = "hostile-secret-0123456789abcdef"

    let server: HostileServer

    static func start() async throws -> HostileHarness {
        HostileHarness(server: try await HostileServer.start())
    }

    func stop() async {
        await server.stop()
    }

    /// An engine whose google calls go to the hostile server. No retries unless asked.
    func engine(retry: RetryPolicy = RetryPolicy(maximumAttempts: 1), timeout: Duration = .seconds(20),
                defaultPageCap: Int? = nil, observer: (any EngineObserver)? = nil,
                transport: (any HTTPTransport)? = nil, variables: [String: String] = [:]) throws -> Engine {
        var configuration = EngineConfiguration(
            registryPath: EmulatorHarness.providers.path,
            auth: AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "HOSTILE_TOKEN")]),
            endpointOverrides: ["google": server.baseURL], retry: retry, requestTimeout: timeout, transport: transport,
            environment: ["HOSTILE_TOKEN": HostileHarness.token + "\n"], observer: observer)
        if let defaultPageCap { configuration.defaultPageCap = defaultPageCap }
        configuration.variables = variables
        return try Engine(configuration: configuration)
    }

    static func list(_ mode: String) -> String {
        "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = '\(mode)' AND locationsId = 'l' ORDER BY name"
    }

    /// The rows of `sql` (text, NULL as nil).
    func rows(_ sql: String, engine: Engine? = nil) async throws -> [[String?]] {
        let engine = try engine ?? self.engine()
        do {
            let results = try await engine.execute(sql)
            try? await engine.shutdown()
            return results.last.map { $0.rows.map { $0.map(\.textValue) } } ?? []
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    /// The error `sql` fails with, or nil when it succeeds.
    func error(_ sql: String, engine: Engine? = nil) async -> (any Error)? {
        do {
            _ = try await rows(sql, engine: engine)
            return nil
        } catch {
            return error
        }
    }
}

/// Counts the requests a real transport sends.
final class CountingTransport: HTTPTransport {
    let inner: AsyncHTTPTransport
    let sent = Mutex(0)

    init(inner: AsyncHTTPTransport = AsyncHTTPTransport()) {
        self.inner = inner
    }

    var count: Int { sent.withLock { $0 } }

    func shutdown() async throws {
        try await inner.shutdown()
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        sent.withLock { $0 += 1 }
        return try await inner.send(request, timeout: timeout)
    }
}

/// Records warnings and retry notices.
final class NoticeRecorder: EngineObserver {
    private let recorded = Mutex<(warnings: [String], retries: [String])>(([], []))

    var warnings: [String] { recorded.withLock { $0.warnings } }
    var retries: [String] { recorded.withLock { $0.retries } }

    func statementStarted(progress: CallProgress) {}
    func statementFinished() {}
    func warning(_ message: String) { recorded.withLock { $0.warnings.append(message) } }
    func retrying(_ message: String) { recorded.withLock { $0.retries.append(message) } }
}
