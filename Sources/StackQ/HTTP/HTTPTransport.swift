import Foundation
import NIOCore

/// An HTTP request as stackq sends it.
public struct HTTPRequest: Sendable {
    /// The HTTP method, upper case (`GET`).
    public var method: String
    /// The whole URL, its query string percent-encoded.
    public var url: String
    /// Headers in the order they are sent; an API call's include its `Authorization` and `User-Agent`.
    public var headers: [(name: String, value: String)]
    /// The body's bytes; nil for a request without one.
    public var body: [UInt8]?

    /// A request with no headers and no body unless given.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An HTTP response: status, headers and the whole body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code (200).
    public var status: Int
    /// Headers in the order received.
    public var headers: [(name: String, value: String)]
    /// The whole body, already decompressed.
    public var body: ByteBuffer

    /// A response with these parts.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of the first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Sends HTTP requests. The engine uses ``AsyncHTTPTransport``; tests may use any real implementation.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the complete response, or throws a ``TransportError``.
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// A request that got no HTTP response: refused connection, timeout, reset.
public struct TransportError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What kind of failure it was, which decides whether sending again can help.
    public enum Kind: Sendable, Hashable {
        /// The host name did not resolve (no network, or a wrong name).
        case cannotResolve
        /// Nothing listens on the host's port.
        case connectionRefused
        /// The request's deadline passed before the whole response arrived.
        case timedOut
        /// The response (after decompression) was larger than the transport accepts.
        case responseTooLarge
        /// A redirect that is not followed (to another origin, or too many).
        case redirect
        /// Anything else: reset, TLS, protocol errors.
        case other
    }

    /// The URL the request was sent to.
    public var url: String
    /// What went wrong, in the HTTP client's words.
    public var reason: String
    /// What kind of failure it was. A timeout or ``Kind/other`` may be retried; an unresolved or refused host only
    /// when it has answered before; an oversized response or a refused redirect never.
    public var kind: Kind

    /// A failure of the request to `url`; ``Kind/other`` unless told.
    public init(url: String, reason: String, kind: Kind = .other) {
        self.url = url
        self.reason = reason
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .cannotResolve:
            let host = URLParts(url)?.host ?? url
            return "cannot resolve \(host) — no network? (\(url): \(reason))"
        case .redirect, .responseTooLarge, .timedOut:
            return "\(url): \(reason)"
        case .connectionRefused, .other:
            return "could not reach \(url): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
