import Foundation

/// A statement that cannot be turned into API calls: what is missing and how to fix it. Raised before any call.
public struct PlanError: Error, CustomStringConvertible, LocalizedError, Sendable, Hashable {
    /// What is missing and how to fix it; it is also the error's description.
    public var message: String

    /// An error whose description is `message`.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
