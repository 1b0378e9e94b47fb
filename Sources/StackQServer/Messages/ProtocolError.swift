/// A frontend message that breaks the protocol: the connection cannot go on, and says why before closing.
struct ProtocolError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What was wrong with the bytes.
    var message: String

    var description: String { "protocol violation: \(message)" }
}
