import Foundation
import PostgresNIO

/// A sync that cannot go on: what went wrong, in words, never with the password.
public struct SyncError: Error, CustomStringConvertible, LocalizedError, Sendable {
    public var description: String
    public var errorDescription: String? { description }

    init(_ description: String) {
        self.description = description
    }

    /// A message as a ``SyncError`` (for the CLI's one error format).
    public static func wrap(_ description: String) -> SyncError {
        SyncError(description)
    }

    /// The server's own message for a PostgreSQL error (postgres-nio's description hides it), else the error's text;
    /// `secrets` are blanked out.
    public static func describe(_ error: any Error, secrets: [String]) -> String {
        var text: String
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                text = "PostgreSQL: \(message)"
                if let detail = error.serverInfo?[.detail] { text += " (\(detail))" }
                if let state = error.serverInfo?[.sqlState] { text += " [SQLSTATE \(state)]" }
            } else {
                text = "PostgreSQL connection: \(error.code.description)"
                if let underlying = error.underlying { text += ": \(underlying)" }
            }
        } else {
            text = String(describing: error)
        }
        for secret in secrets where !secret.isEmpty { text = text.replacingOccurrences(of: secret, with: "<redacted>") }
        return text
    }
}
