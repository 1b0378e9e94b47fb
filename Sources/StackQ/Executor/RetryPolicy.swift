import Foundation

/// When and how long to wait before sending a failed request again.
///
/// Retried: HTTP 429, 500, 502, 503, 504 and transport errors, and only for idempotent requests
/// (GET/HEAD/DELETE-like reads, or a create that carries a `requestId`). The wait after attempt n is a random
/// duration in [0, min(maximumDelay, baseDelay × 2ⁿ⁻¹)] ("full jitter"), or the server's `Retry-After` (capped at
/// maximumDelay) when longer.
public struct RetryPolicy: Sendable, Hashable {
    /// How many times a request may be sent in all (1 = never retried).
    public var maximumAttempts: Int
    /// The ceiling of the wait after the first attempt; it doubles with each later attempt up to ``maximumDelay``.
    /// Default 100 ms.
    public var baseDelay: Duration
    /// The longest wait between two attempts, a server's `Retry-After` included. Default 20 s.
    public var maximumDelay: Duration

    /// How long an API host may keep answering 429/503 (without `Retry-After`) and no success before those answers use up the calls
    /// attempts: until then the host's limiter (``CallLimiter``) backs off and the retries are on it. By default
    /// three times ``maximumDelay`` (60 s).
    public var backoffBudget: Duration {
        get { explicitBackoffBudget ?? maximumDelay * 3 }
        set { explicitBackoffBudget = newValue }
    }
    private var explicitBackoffBudget: Duration?

    /// A policy with these limits; `maximumAttempts` below 1 counts as 1.
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
        if let retryAfter, let serverWait = RetryPolicy.retryAfterDelay(retryAfter, cap: maximumDelay) {
            wait = max(wait, serverWait)
        }
        return wait
    }

    /// The server's `Retry-After` in seconds, capped at `cap` before it is converted; nil (use our own backoff)
    /// when it is not a plain non-negative number of seconds or is absurd (`inf`, `1e300`, ≥ 2⁵³, NaN).
    /// An HTTP date is not honoured either: our jittered backoff is used instead.
    static func retryAfterDelay(_ header: String, cap: Duration) -> Duration? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }),
              let seconds = Double(text), seconds.isFinite, seconds >= 0, seconds < 9_007_199_254_740_992 else { return nil }
        let capSeconds = Double(cap.components.seconds) + Double(cap.components.attoseconds) / 1e18
        // 1e9 s keeps the nanosecond count inside Int64 whatever the cap.
        return .nanoseconds(Int64(min(seconds, capSeconds, 1e9) * 1_000_000_000))
    }
}
