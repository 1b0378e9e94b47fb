import Foundation

/// Why an ``Emulator`` could not start.
public enum EmulatorError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// ``Emulator/start()`` was called on an emulator that is running.
    case alreadyRunning
    /// The server could not listen on `port`; `reason` says why.
    case cannotListen(port: Int, reason: String)

    public var description: String {
        switch self {
        case .alreadyRunning:
            return "the emulator is already running; stop it before starting it again"
        case .cannotListen(let port, let reason):
            return "the emulator cannot listen on 127.0.0.1:\(port): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
