import Foundation

/// A rate quota the emulator enforces on API requests, as Google's API quotas do: up to ``callsPerSecond`` requests
/// in each one-second window (per emulator, or per project named in the request's path), and beyond that
/// `429 RESOURCE_EXHAUSTED` with Google's `ErrorInfo` details and no `Retry-After` — the caller must find its own pace.
///
/// ```swift
/// var configuration = EmulatorConfiguration()
/// configuration.quota = Quota(callsPerSecond: 200)                    // the service's quota
/// configuration.quota = Quota(callsPerSecond: 5, scope: .project)     // each project's own
/// ```
public struct Quota: Sendable, Hashable {
    /// What one quota counts.
    public enum Scope: String, Sendable, Hashable {
        /// Every API request the emulator serves (one service's quota for the caller).
        case service
        /// The requests naming one project (`projects/P/…` in the path); a request naming none counts as the service's.
        case project
    }

    /// Requests allowed in each one-second window.
    public var callsPerSecond: Int
    /// Per service or per project.
    public var scope: Scope

    /// A quota of `callsPerSecond` (at least 1) requests a second, per service unless `scope` says per project.
    public init(callsPerSecond: Int, scope: Scope = .service) {
        self.callsPerSecond = max(1, callsPerSecond)
        self.scope = scope
    }

    /// The project a request path names (`/v1/projects/p/locations/l/sessions` → `p`), or nil.
    static func project(inPath path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let index = parts.firstIndex(of: "projects"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }
}

/// The one-second windows of a ``Quota`` (read from the emulator's clock): how many requests each key has had in its
/// current window.
struct QuotaWindows: Sendable {
    private var windows: [String: (start: Date, count: Int)] = [:]

    /// Counts a request for `key` at `now`; false when the key's window is already full.
    mutating func admit(_ key: String, limit: Int, now: Date) -> Bool {
        var window = windows[key] ?? (now, 0)
        if now.timeIntervalSince(window.start) >= 1 || now < window.start { window = (now, 0) }
        window.count += 1
        windows[key] = window
        return window.count <= limit
    }
}
