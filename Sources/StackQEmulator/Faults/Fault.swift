/// An injected failure: the HTTP status and Google's canonical status name it is answered with.
public enum Fault: String, Sendable, Hashable, CaseIterable {
    /// 429 RESOURCE_EXHAUSTED (quota or rate limit).
    case resourceExhausted
    /// 503 UNAVAILABLE.
    case unavailable
    /// 500 INTERNAL.
    case internalError

    /// The HTTP status code.
    public var httpStatus: Int {
        switch self {
        case .resourceExhausted: return 429
        case .unavailable: return 503
        case .internalError: return 500
        }
    }

    /// Google's canonical error status.
    public var status: String {
        switch self {
        case .resourceExhausted: return "RESOURCE_EXHAUSTED"
        case .unavailable: return "UNAVAILABLE"
        case .internalError: return "INTERNAL"
        }
    }

    var message: String {
        switch self {
        case .resourceExhausted: return "Quota exceeded (injected by the emulator)."
        case .unavailable: return "The service is currently unavailable (injected by the emulator)."
        case .internalError: return "Internal error encountered (injected by the emulator)."
        }
    }
}
