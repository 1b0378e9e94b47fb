import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Turns what async-http-client and NIO throw into a ``TransportError`` whose ``TransportError/Kind`` says what
/// happened: a name that does not resolve and a refused connection are told apart from timeouts and resets,
/// because only the latter are worth sending again.
enum TransportFailureClassifier {
    static func classify(_ error: any Error, url: String, maximumBodySize: Int) -> TransportError {
        if error is ResponseAccumulator.ResponseTooBigError {
            return TransportError(url: url, reason: "the response is larger than \(megabytes(maximumBodySize)) (counted after decompression); stackq reads no page that large",
                                  kind: .responseTooLarge)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout:
                return TransportError(url: url, reason: "\(error)", kind: .timedOut)
            default:
                return TransportError(url: url, reason: "\(error)")
            }
        }
        if isResolutionFailure(error) {
            return TransportError(url: url, reason: "\(error)", kind: .cannotResolve)
        }
        if isRefusal(error) {
            return TransportError(url: url, reason: "connection refused", kind: .connectionRefused)
        }
        return TransportError(url: url, reason: "\(error)")
    }

    /// True for a failed name lookup: NIO's resolver error, or a connection error that never got an address.
    static func isResolutionFailure(_ error: any Error) -> Bool {
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil)
        }
        if error is SocketAddressError.UnknownHost { return true }
        if let error = error as? SocketAddressError {
            switch error {
            // Not lookups: they say so in their own words.
            case .unsupported, .unixDomainSocketPathTooLong, .failedToParseIPString: return false
            // `.unknown(host:port:)`, the deprecated spelling of UnknownHost.
            default: return true
            }
        }
        return false
    }

    /// True when every address of the host refused the connection.
    static func isRefusal(_ error: any Error) -> Bool {
        if let error = error as? NIOConnectionError {
            return !error.connectionErrors.isEmpty && error.connectionErrors.allSatisfy { isRefusal($0.error) }
        }
        if let error = error as? IOError { return error.errnoCode == ECONNREFUSED }
        return false
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    /// `2.5 s`, for messages.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.3g s", value)
    }
}
