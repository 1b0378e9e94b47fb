import Foundation

/// The emulator's source of the current time.
public protocol EmulatorClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: EmulatorClock {
    public init() {}
    public func now() -> Date { Date() }
}
