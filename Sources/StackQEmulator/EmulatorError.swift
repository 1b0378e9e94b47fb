import Foundation

/// Why an ``Emulator`` could not start.
public enum EmulatorError: Error, CustomStringConvertible, LocalizedError, Sendable {
    case alreadyRunning
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
