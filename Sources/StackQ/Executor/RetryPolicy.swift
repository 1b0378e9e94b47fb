import Foundation

/// When and how long to wait before sending a failed request again.
///
/// Retried: HTTP 429, 500, 502, 503, 504 and transport errors, and only for idempotent requests
/// (GET/HEAD/DELETE-like reads, or a create that carries a `requestId`). The wait before attempt n+1 is a random
/// duration in [0, min(maximumDelay, baseDelay × 2ⁿ)] ("full jitter"), or the server's `Retry-After` when longer.
public struct RetryPolicy: Sendable, Hashable {
    /// How many times a request may be sent in all (1 = never retried).
    public var maximumAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration

    public init(maximumAttempts: Int = 5, baseDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(20)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// The wait before the attempt after `attempt` (1-based), given the server's `Retry-After` header.
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        let exponent = min(attempt - 1, 20)
        let ceiling = min(maximumDelay, baseDelay * (1 << exponent))
        let ceilingNanos = max(0, ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000)
        var wait = Duration.nanoseconds(Int64.random(in: 0...ceilingNanos))
        if let retryAfter, let seconds = Double(retryAfter.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            wait = max(wait, min(maximumDelay, .milliseconds(Int64(seconds * 1000))))
        }
        return wait
    }
}
