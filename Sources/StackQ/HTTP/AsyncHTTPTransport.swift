import AsyncHTTPClient
import NIOHTTPCompression
import NIOCore
import NIOHTTP1

/// ``HTTPTransport`` on async-http-client, with a connection pool sized for the engine's concurrency.
///
/// Call ``shutdown()`` once when done; the engine does this in `Engine.shutdown()`.
public final class AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    /// The largest response body accepted.
    let maximumBodySize: Int

    /// - Parameters:
    ///   - connectionsPerHost: how many connections to keep open to one host (match the call concurrency).
    ///   - connectTimeout: how long to wait for a TCP connection.
    ///   - maximumBodySize: the largest body accepted, counted after decompression (a gzip page may not inflate
    ///     past it).
    public init(connectionsPerHost: Int = 16, connectTimeout: Duration = .seconds(10), maximumBodySize: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .seconds(120))
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerHost))
        // A failed connection fails the request at once; the executor decides whether to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Redirects come back as responses: the executor follows same-origin ones only.
        configuration.redirectConfiguration = .disallow
        // The decompressed body is capped by `collect(upTo:)` below.
        configuration.decompression = .enabled(limit: .none)
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maximumBodySize = maximumBodySize
    }

    /// Sends `request`; `timeout` bounds the whole exchange, the body included (a server that stalls or trickles
    /// after its headers cannot hold a request longer).
    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let client = self.client
        let prepared = outgoing
        let maximumBodySize = self.maximumBodySize
        let url = request.url
        do {
            return try await AsyncHTTPTransport.withDeadline(timeout, url: url) {
                let response = try await client.execute(prepared, timeout: .init(timeout))
                let body = try await response.body.collect(upTo: maximumBodySize)
                return HTTPResponse(status: Int(response.status.code),
                                    headers: response.headers.map { ($0.name, $0.value) },
                                    body: body)
            }
        } catch let error as TransportError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            // The client's own deadline is the same instant as `withDeadline`'s, and either may fire first.
            throw AsyncHTTPTransport.deadlineError(timeout, url: url)
        } catch {
            throw TransportFailureClassifier.classify(error, url: url, maximumBodySize: maximumBodySize)
        }
    }

    /// Runs `operation`, or throws a ``TransportError`` of kind `timedOut` when `timeout` passes first (the
    /// operation is then cancelled).
    static func withDeadline<T: Sendable>(_ timeout: Duration, url: String,
                                          _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw deadlineError(timeout, url: url)
            }
            return value
        }
    }

    /// The error of a request whose whole exchange did not finish within `timeout`.
    static func deadlineError(_ timeout: Duration, url: String) -> TransportError {
        TransportError(url: url, reason: "no complete response within \(TransportFailureClassifier.seconds(timeout)) (the deadline covers the body; raise it with --timeout)",
                       kind: .timedOut)
    }

    /// Closes the pool's connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
