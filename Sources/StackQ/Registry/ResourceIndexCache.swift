import Foundation
import Synchronization

/// The service document indexes a ``Registry`` has built, and the resources it loaded through them.
///
/// A document whose index could not be built is remembered as such, so it is scanned once per process at most.
final class ResourceIndexCache: Sendable {
    private struct State {
        /// Indexes by `provider.service`; nil when the document cannot be indexed.
        var indexes: [String: ServiceDocumentIndex?] = [:]
        /// Resources by `provider.service.resource`, with the part of the service they need.
        var resources: [String: (ProviderService, Resource)] = [:]
    }

    private let state = Mutex(State())

    /// The index of the document of `service`, built by `build` on first use; nil when it cannot be built.
    func index(for service: String, build: () -> ServiceDocumentIndex?) -> ServiceDocumentIndex? {
        if let known = state.withLock({ $0.indexes[service] }) { return known }
        let built = build()
        return state.withLock { state in
            if let known = state.indexes[service] { return known }
            state.indexes[service] = .some(built)
            return built
        }
    }

    /// The resource loaded for `key`, or nil.
    func resource(_ key: String) -> (ProviderService, Resource)? {
        state.withLock { $0.resources[key] }
    }

    /// Keeps `loaded` for `key`, returning the value kept first when another caller was quicker.
    func store(_ loaded: (ProviderService, Resource), for key: String) -> (ProviderService, Resource) {
        state.withLock { state in
            if let existing = state.resources[key] { return existing }
            state.resources[key] = loaded
            return loaded
        }
    }

    /// Forgets every index and resource.
    func forgetAll() {
        state.withLock { $0 = State() }
    }

    /// The `provider.service.resource` keys loaded through an index (for tests).
    var resourceKeys: [String] {
        state.withLock { $0.resources.keys.sorted() }
    }
}
