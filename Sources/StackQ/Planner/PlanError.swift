import Foundation

/// A statement that cannot be turned into API calls: what is missing and how to fix it. Raised before any call.
public struct PlanError: Error, CustomStringConvertible, LocalizedError, Sendable, Hashable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
