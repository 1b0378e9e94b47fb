import Foundation
import Synchronization

/// An append-only file of tool calls, one JSON object a line (`--audit-log FILE`): when, which tool, the SQL, how
/// it ended, how many API calls and rows — never the rows themselves, never a credential (texts pass through the
/// engine's redactor before they are written).
///
/// ```
/// {"calls":2,"mode":"read_only","ms":41,"outcome":"ok","rows":6,"sql":"SELECT name FROM …","time":"2026-01-05T10:00:00.120Z","tool":"run_select_query"}
/// ```
public final class AuditLog: Sendable {
    /// One line of the log.
    public struct Entry: Sendable, Hashable, Encodable {
        /// When the call ended (ISO 8601, UTC, milliseconds).
        public var time: String
        /// The tool's name.
        public var tool: String
        /// The SQL the call ran or checked, redacted; nil for tools that take none.
        public var sql: String?
        /// The tool's other arguments (names of providers, resources, methods), redacted.
        public var arguments: [String: String]?
        /// The server's ``SafetyMode``.
        public var mode: String
        /// `ok`, `error`, `refused`, `declined` or `cancelled`.
        public var outcome: String
        /// For a mutation in `safe` mode: `approved` or `declined`.
        public var approval: String?
        /// API calls the call made.
        public var calls: Int
        /// Rows of the result (all of them, when the reply was cut short).
        public var rows: Int
        /// True when the reply held fewer rows than the result.
        public var truncated: Bool?
        /// The error or refusal, redacted.
        public var error: String?
        /// How long the call took.
        public var ms: Int
    }

    private let descriptor: Mutex<Int32>
    /// The file's path.
    public let path: String

    /// Opens (or creates, readable by its owner only) the file at `path` for appending.
    /// - Throws: ``StackQMCPError`` naming the path when it cannot be opened.
    public init(path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StackQMCPError("cannot open the audit log \(path): \(String(cString: strerror(errno)))")
        }
        self.path = path
        self.descriptor = Mutex(fd)
    }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// Appends `entry` as one line; a line is written whole with one `write`, so lines of concurrent calls never mix.
    public func append(_ entry: Entry) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var bytes = try? Array(encoder.encode(entry)) else { return }
        bytes.append(UInt8(ascii: "\n"))
        descriptor.withLock { fd in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }

    /// Now as the log writes it: `2026-01-05T10:00:00.120Z`.
    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
