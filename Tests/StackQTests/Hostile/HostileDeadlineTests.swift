import Foundation
import NIOCore
import NIOPosix
@testable import StackQ
import StackQTesting
import Testing

/// Issue 14 items 11 and 12: the request deadline covers the body; a host that cannot be reached is not
/// retried in silence.
@Suite struct HostileDeadlineTests {
    /// A deadline missed on every attempt says how many there were (as an API error does); one attempt says none.
    @Test(.timeLimit(.minutes(1)), arguments: [("stall", 1), ("trickle", 1), ("stall", 2)])
    func theDeadlineCoversTheBody(_ mode: String, attempts: Int) async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let engine = try harness.engine(retry: RetryPolicy(maximumAttempts: attempts, baseDelay: .milliseconds(1),
                                                           maximumDelay: .milliseconds(5)),
                                        timeout: .milliseconds(600))
        let failure = await harness.error(HostileHarness.list(mode), engine: engine)
        // Said whole when it is not the deadline (it once was not, under load, and said nothing more).
        let error = try #require(failure as? TransportError, "\(String(describing: failure))")
        #expect(error.kind == .timedOut, "\(error)")
        #expect(error.description.contains("no complete response within"), "\(error)")
        if attempts > 1 {
            #expect(error.description.hasSuffix("raise it with --timeout) (after \(attempts) attempts)"), "\(error)")
        } else {
            #expect(!error.description.contains("attempts"), "\(error)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aStatementDeadlineCancelsItsCalls() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        var configuration = try await harness.engine().configuration
        configuration.statementTimeout = .milliseconds(500)
        let engine = try Engine(configuration: configuration)
        let error = await harness.error(HostileHarness.list("stall"), engine: engine)
        #expect(error is StatementTimeoutError)
    }

    @Test(.timeLimit(.minutes(1)))
    func aRefusedConnectionToAHostThatNeverAnsweredIsNotRetried() async throws {
        // Port 1 on loopback: nothing listens there, and no other test's server can take it over meanwhile (a
        // closed server's port can be reused by a server another test starts).
        let port = 1
        let transport = CountingTransport()
        var configuration = EngineConfiguration(
            registryPath: EmulatorHarness.providers.path, endpointOverrides: ["google": "http://127.0.0.1:\(port)"],
            retry: RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(200), maximumDelay: .seconds(1)),
            transport: transport)
        configuration.auth = AuthConfiguration(providers: ["google": .anonymous])
        let engine = try Engine(configuration: configuration)
        let error = try await #require(throws: TransportError.self) { _ = try await engine.execute(HostileHarness.list("good")) }
        try await transport.shutdown()
        #expect(error.kind == .connectionRefused)
        #expect(transport.count == 1)
    }

    /// What async-http-client throws for a name that does not resolve (`.invalid` never does, RFC 6761), as the
    /// transport classifies it.
    @Test(.timeLimit(.minutes(1)))
    func aNameThatDoesNotResolveSaysNoNetwork() async throws {
        let transport = AsyncHTTPTransport()
        let url = "https://dataproc.stackq-test.invalid/v1/x"
        var thrown: (any Error)?
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: url), timeout: .seconds(30))
        } catch {
            thrown = error
        }
        try await transport.shutdown()
        let error = try #require(thrown as? TransportError, "\(String(describing: thrown))")
        #expect(error.kind == .cannotResolve, "\(error)")
        #expect(error.description.hasPrefix("cannot resolve dataproc.stackq-test.invalid — no network?"), "\(error)")
        let redactor = Redactor()
        let credentials = CredentialProvider(
            resolver: CredentialResolver(configuration: AuthConfiguration(), environment: [:], redactor: redactor),
            client: TokenClient(transport: UnusedTransport(), redactor: redactor), documentAuth: { _ in nil })
        let executor = CallRunner(transport: UnusedTransport(), credentials: credentials, redactor: redactor,
                                  retry: RetryPolicy(), timeout: .seconds(1), userAgent: "t")
        #expect(!executor.mayRetryAfter(error))
        executor.hosts.answered("https://dataproc.stackq-test.invalid/v1/other")
        #expect(executor.mayRetryAfter(error))
    }

    /// The executor above is asked only whether it would retry; it sends nothing.
    struct UnusedTransport: HTTPTransport {
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            throw TransportError(url: request.url, reason: "this test sends nothing")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRetryLongerThanASecondIsAnnounced() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let recorder = NoticeRecorder()
        let engine = try harness.engine(retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(1500)),
                                        observer: recorder)
        #expect(try await harness.rows(HostileHarness.list("retry-after-1.2"), engine: engine).count == 1)
        #expect(recorder.retries.count == 1)
        #expect(recorder.retries.first?.contains("HTTP 503; retrying in 1.2 s (attempt 2 of 2)") == true, "\(recorder.retries)")
    }
}
