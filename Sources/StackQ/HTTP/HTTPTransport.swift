import Foundation
import NIOCore

/// An HTTP request as stackq sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

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
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: ByteBuffer

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

    public var url: String
    public var reason: String
    public var kind: Kind

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
