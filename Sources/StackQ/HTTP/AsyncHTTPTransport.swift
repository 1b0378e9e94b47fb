import AsyncHTTPClient
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
    public init(connectionsPerHost: Int = 16, connectTimeout: Duration = .seconds(10), maximumBodySize: Int = 256 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .seconds(120))
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerHost))
        configuration.decompression = .enabled(limit: .none)
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maximumBodySize = maximumBodySize
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: .init(timeout))
            let body = try await response.body.collect(upTo: maximumBodySize)
            return HTTPResponse(status: Int(response.status.code),
                                headers: response.headers.map { ($0.name, $0.value) },
                                body: body)
        } catch let error as HTTPClientError {
            throw TransportError(url: request.url, reason: "\(error)")
        } catch let error as NIOTooManyBytesError {
            throw TransportError(url: request.url, reason: "response larger than \(maximumBodySize) bytes (\(error))")
        } catch let error as CancellationError {
            throw error
        } catch {
            throw TransportError(url: request.url, reason: "\(error)")
        }
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
