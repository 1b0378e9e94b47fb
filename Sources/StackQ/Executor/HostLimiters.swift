import Synchronization

/// The adaptive limiters of an engine, one per API host — and, once a host's 429s say its quota is per project,
/// one per project on that host — shared by every statement and every `serve`/`mcp` connection: one quota, one
/// limiter.
final class HostLimiters: Sendable {
    private struct State {
        var hosts: [String: CallLimiter] = [:]
        var projects: [String: CallLimiter] = [:]
        /// Hosts whose quota is per project, with the pace last learned on one of their projects (new projects start at it).
        var perProject: [String: Double?] = [:]
    }

    /// The ceiling of each limiter's window (`--concurrency`).
    let ceiling: Int
    let retry: RetryPolicy
    private let state = Mutex(State())

    init(ceiling: Int, retry: RetryPolicy) {
        self.ceiling = max(1, ceiling)
        self.retry = retry
    }

    /// The limiter of the host of `url` (its origin): a call holds one of its slots while it runs.
    func host(of url: String) -> CallLimiter {
        let origin = HostLimiters.origin(url)
        return state.withLock { state in
            if let limiter = state.hosts[origin] { return limiter }
            let limiter = CallLimiter(maximum: ceiling, retry: retry)
            state.hosts[origin] = limiter
            return limiter
        }
    }

    /// The limiter of the project `url` names on its host (kept for every project, so that when the host turns out
    /// to count per project, each project's last second is known), or nil when it names none.
    func project(of url: String) -> CallLimiter? {
        guard let project = HostLimiters.project(in: url) else { return nil }
        let key = HostLimiters.origin(url) + "|" + project
        return state.withLock { state in
            if let limiter = state.projects[key] { return limiter }
            let limiter = CallLimiter(maximum: ceiling, retry: retry)
            state.projects[key] = limiter
            return limiter
        }
    }

    /// The limiter that paces a request to `url`: its project's when its host's quota is per project (starting at
    /// the pace a sibling project learned), else the host's.
    func pacing(_ url: String) async -> CallLimiter {
        let mode = state.withLock { $0.perProject[HostLimiters.origin(url)] }
        guard let mode, let limiter = project(of: url) else { return host(of: url) }
        if let learned = mode { await limiter.adopt(learned) }
        return limiter
    }

    /// Every limiter a request to `url` counts in: its host's and its project's.
    func all(for url: String) -> [CallLimiter] {
        [host(of: url)] + (project(of: url).map { [$0] } ?? [])
    }

    /// The host of `url` said its quota is per project: from now on each project there is paced on its own.
    func quotaIsPerProject(_ url: String) {
        let origin = HostLimiters.origin(url)
        state.withLock { state in
            if state.perProject[origin] == nil { state.perProject[origin] = .some(nil) }
        }
    }

    /// A project limiter of `url`'s host learned `rate`: projects met later start at it.
    func learned(_ rate: Double?, for url: String) {
        guard let rate else { return }
        let origin = HostLimiters.origin(url)
        state.withLock { state in
            if state.perProject[origin] != nil { state.perProject[origin] = rate }
        }
    }

    /// The smallest window of the limiters now (the `--stats` figure), or nil before any call.
    func concurrency() async -> Int? {
        let limiters = state.withLock { Array($0.hosts.values) }
        var lowest: Int?
        for limiter in limiters {
            let limit = await limiter.limit
            lowest = min(lowest ?? limit, limit)
        }
        return lowest
    }

    static func origin(_ url: String) -> String {
        URLParts(url)?.origin.lowercased() ?? url
    }

    /// The project a URL's path names (`…/projects/p/…`), or nil.
    static func project(in url: String) -> String? {
        let path = url.split(separator: "?", maxSplits: 1).first ?? ""
        let parts = path.split(separator: "/")
        guard let index = parts.dropFirst(2).firstIndex(of: "projects"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }

    /// True when a 429's body says the quota is counted per project (Google: `… per project`, `…PerProject`).
    static func saysPerProject(_ body: some Collection<UInt8>) -> Bool {
        let text = String(decoding: body.prefix(8192), as: UTF8.self).lowercased()
        return text.contains("per project") || text.contains("perproject")
    }
}
