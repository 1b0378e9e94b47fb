import Foundation

/// An error SQLite reported, with the statement it was about.
public struct SQLiteError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// SQLite's result code (`SQLITE_ERROR` = 1, …).
    public var code: Int32
    /// SQLite's message (`no such column: nme`).
    public var message: String
    /// The SQL that failed, when there was one.
    public var sql: String?

    /// An error with SQLite's result code and message, and the SQL it was about when there is one.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var description: String {
        if let sql { return "SQLite error \(code): \(message)\n  in: \(sql)" }
        return "SQLite error \(code): \(message)"
    }

    public var errorDescription: String? { description }
}
