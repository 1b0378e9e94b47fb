import Foundation

/// A seed document or item that cannot be loaded.
public struct SeedError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What is wrong, naming the collection or resource.
    public var message: String

    /// An error for `message`; its description is `invalid seed: ` followed by it.
    public init(message: String) {
        self.message = message
    }

    public var description: String { "invalid seed: \(message)" }
    public var errorDescription: String? { description }
}
