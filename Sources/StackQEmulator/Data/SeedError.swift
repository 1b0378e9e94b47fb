import Foundation

/// A seed document or item that cannot be loaded.
public struct SeedError: Error, CustomStringConvertible, LocalizedError, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { "invalid seed: \(message)" }
    public var errorDescription: String? { description }
}
