import AsyncHTTPClient
import Synchronization
import NIOHTTPCompression
import NIOCore
import NIOHTTP1

/// ``HTTPTransport`` on async-http-client, with a connection pool sized for the engine's concurrency.
///
/// Call ``shutdown()`` once when done; the engine does this in `Engine.shutdown()`.
public final class AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    /// True once ``shutdown()`` closed the pool.
    private let closed = Mutex(false)
    /// The largest response body accepted.
    let maximumBodySize: Int

    /// - Parameters:
    ///   - connectionsPerHost: how many connections to keep open to one host (match the call concurrency).
    ///   - connectTimeout: how long to wait for a TCP connection.
    ///   - maximumBodySize: the largest body accepted, counted after decompression (a gzip page may not inflate
    ///     past it); at most 4 GiB.
    public init(connectionsPerHost: Int = 16, connectTimeout: Duration = .seconds(10), maximumBodySize: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .init(connectTimeout), read: .seconds(120))
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connectionsPerHost))
        // A failed connection fails the request at once; the executor decides whether to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Redirects come back as responses: the executor follows same-origin ones only.
        configuration.redirectConfiguration = .disallow
        // The decompressed body is capped by the ResponseAccumulator of each request (`send`).
        configuration.decompression = .enabled(limit: .none)
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        // The accumulator holds the body in one ByteBuffer, which cannot pass 4 GiB (and traps outside 0...that).
        self.maximumBodySize = min(max(0, maximumBodySize), Int(UInt32.max))
        self.loops = Array(client.eventLoopGroup.makeIterator())
    }

    /// The group's event loops. Every request to one origin asks for the same loop (``loop(for:)``): left to
    /// choose, the client takes the next loop round the group for each request, so a request's response handling
    /// ran on one loop and its pooled connection on another, and every request hopped between the two.
    let loops: [any EventLoop]

    /// The loop for requests to `url`'s origin: the same one for the same origin, origins spread over the group.
    /// (The origin's bytes, up to the first `/` after `://`, are hashed where they are, letters folded to lower case.)
    func loop(for url: String) -> any EventLoop {
        guard loops.count > 1 else { return loops[0] }
        var hasher = Hasher()
        var slashes = 0
        for byte in url.utf8 {
            if byte == UInt8(ascii: "/") {
                slashes += 1
                if slashes == 3 { break }
            }
            hasher.combine((UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte)
        }
        return loops[Int(UInt(bitPattern: hasher.finalize()) % UInt(loops.count))]
    }

    /// Sends `request`; `timeout` bounds the whole exchange, the body included (a server that stalls or trickles
    /// after its headers cannot hold a request longer).
    ///
    /// The response is gathered on the connection's event loop (a ``ResponseAccumulator``) and handed over once,
    /// whole: a page of many reads costs one hop to the caller's task, not one per read, and the deadline is the
    /// client's own timer, not a task racing the request.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let url = request.url
        let maximumBodySize = self.maximumBodySize
        do {
            var outgoing = try HTTPClient.Request(url: url, method: HTTPMethod(rawValue: request.method))
            for header in request.headers {
                outgoing.headers.add(name: header.name, value: header.value)
            }
            if let body = request.body {
                outgoing.body = .byteBuffer(ByteBuffer(bytes: body))
            }
            try Task.checkCancellation()
            let accumulator = ResponseAccumulator(request: outgoing, maxBodySize: maximumBodySize)
            let task = client.execute(request: outgoing, delegate: accumulator, eventLoop: .delegate(on: loop(for: url)),
                                      deadline: .now() + TimeAmount(timeout))
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return HTTPResponse(status: Int(response.status.code),
                                headers: response.headers.map { ($0.name, $0.value) },
                                body: response.body ?? ByteBuffer())
        } catch let error as CancellationError {
            throw error
        } catch let error as HTTPClientError where error == .cancelled && Task.isCancelled {
            throw CancellationError()
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw AsyncHTTPTransport.deadlineError(timeout, url: url)
        } catch {
            throw TransportFailureClassifier.classify(error, url: url, maximumBodySize: maximumBodySize)
        }
    }

    /// The error of a request whose whole exchange did not finish within `timeout`.
    static func deadlineError(_ timeout: Duration, url: String) -> TransportError {
        TransportError(url: url, reason: "no complete response within \(TransportFailureClassifier.seconds(timeout)) (the deadline covers the body; raise it with --timeout)",
                       kind: .timedOut)
    }

    /// Closes the pool's connections.
    public func shutdown() async throws {
        closed.withLock { $0 = true }
        try await client.shutdown()
    }

    /// A transport dropped without ``shutdown()`` (an engine that was never shut down: a caller that only planned,
    /// or stopped at an error) closes its pool now; async-http-client stops the process when a running client is
    /// freed. The client stays alive until its shutdown finishes.
    deinit {
        if !closed.withLock({ $0 }) { client.shutdown { _ in } }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
