import Synchronization

/// The origins that have sent any HTTP response during one run. A host that never answered and cannot be
/// resolved or refuses connections is not retried (there is nothing to wait for); one that answered before may
/// be restarting, so it is.
final class HostHistory: Sendable {
    private let origins = Mutex<Set<String>>([])

    init() {}

    /// Records that the origin of `url` answered.
    func answered(_ url: String) {
        guard let origin = URLParts(url)?.origin else { return }
        _ = origins.withLock { $0.insert(origin) }
    }

    /// True when the origin of `url` has answered before.
    func hasAnswered(_ url: String) -> Bool {
        guard let origin = URLParts(url)?.origin else { return false }
        return origins.withLock { $0.contains(origin) }
    }
}
