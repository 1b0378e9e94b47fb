import Foundation

/// A failure of the MCP server itself (not of a statement): an audit log that cannot be opened, an address that
/// cannot be served.
public struct StackQMCPError: Error, CustomStringConvertible, LocalizedError, Sendable, Hashable {
    /// What went wrong and what to do.
    public var description: String
    /// The description, for `localizedDescription` on Linux.
    public var errorDescription: String? { description }

    init(_ description: String) {
        self.description = description
    }
}
