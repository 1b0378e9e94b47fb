import Foundation

/// The emulator's source of the current time.
public protocol EmulatorClock: Sendable {
    /// The time now; timestamps and token expiry are measured by it.
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: EmulatorClock {
    /// The system clock.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
}
