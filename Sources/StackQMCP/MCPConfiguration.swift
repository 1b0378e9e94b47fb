import Logging

/// How a ``StackQMCPServer`` serves agents: what they may change, how much one result may hold, and where tool
/// calls are recorded.
///
/// ```swift
/// var configuration = MCPConfiguration()
/// configuration.mode = .safe
/// configuration.auditLog = try AuditLog(path: "/var/log/stackq-mcp.jsonl")
/// ```
public struct MCPConfiguration: Sendable {
    /// What agents may change; ``SafetyMode/readOnly`` by default.
    public var mode: SafetyMode = .readOnly
    /// Rows a result holds when the agent gives no `max_rows`.
    public var defaultRows = 200
    /// The most rows an agent may ask for with `max_rows`.
    public var maximumRows = 5_000
    /// The most bytes of row values one result holds (its rows as JSON, about); the text copy doubles it, so a reply
    /// stays well under 1 MB.
    public var maximumBytes = 256 * 1024
    /// Where every tool call is recorded as a JSON line; nil records nothing.
    public var auditLog: AuditLog?
    /// Said by `server_info`: where google calls go when the sandbox serves them (`stackq mcp --sandbox`).
    public var sandboxURL: String?
    /// The SDK's transports and servers log here; nil logs nothing.
    public var logger: Logger?

    /// The defaults: read only, 200 rows (up to 5,000 on request), 256 KB of rows, no audit log.
    public init() {}
}
