import Foundation

/// A statement that ran past ``EngineConfiguration/statementTimeout``; its calls were cancelled.
public struct StatementTimeoutError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The deadline that passed (``EngineConfiguration/statementTimeout``, `--statement-timeout`).
    public var timeout: Duration

    /// An error for a statement stopped after `timeout`.
    public init(timeout: Duration) {
        self.timeout = timeout
    }

    public var description: String {
        "the statement did not finish within its deadline of \(TransportFailureClassifier.seconds(timeout)) (--statement-timeout); its calls were cancelled"
    }

    public var errorDescription: String? { description }
}
