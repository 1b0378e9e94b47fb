import Foundation

/// A statement that ran past ``EngineConfiguration/statementTimeout``; its calls were cancelled.
public struct StatementTimeoutError: Error, CustomStringConvertible, LocalizedError, Sendable {
    public var timeout: Duration

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    public var description: String {
        "the statement did not finish within its deadline of \(TransportFailureClassifier.seconds(timeout)) (--statement-timeout); its calls were cancelled"
    }

    public var errorDescription: String? { description }
}
