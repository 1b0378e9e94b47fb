import Foundation

/// An OAuth access token and when it stops working.
struct AccessToken: Sendable {
    /// The token itself; registered with the ``Redactor`` as soon as it is received.
    var value: String
    /// When it expires; nil when the source does not say (a bearer token from the environment).
    var expiresAt: Date?
    /// When it was received, for deciding how early to refresh.
    var receivedAt: Date

    init(value: String, expiresAt: Date?, receivedAt: Date = Date()) {
        self.value = value
        self.expiresAt = expiresAt
        self.receivedAt = receivedAt
    }

    /// How long before expiry a token is refreshed: five minutes, or a quarter of a short token's lifetime.
    var refreshMargin: TimeInterval {
        guard let expiresAt else { return 0 }
        return min(300, max(0, expiresAt.timeIntervalSince(receivedAt)) / 4)
    }

    /// True when the token should be replaced before it is used at `now`.
    func isStale(at now: Date) -> Bool {
        guard let expiresAt else { return false }
        return now.addingTimeInterval(refreshMargin) >= expiresAt
    }
}
