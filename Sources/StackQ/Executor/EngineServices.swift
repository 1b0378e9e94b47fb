import Foundation
import Synchronization

/// What every statement of an engine shares besides its database: the registry, the HTTP transport and the
/// credentials (both made on first use, so an engine that only parses or reads metadata opens no connection
/// pool), the page-size refusals and the numbers of its tables. One per ``Engine``; safe to use from statements
/// running at once.
final class EngineServices: Sendable {
    private struct Lazy {
        var transport: (any HTTPTransport)?
        var ownedTransport: AsyncHTTPTransport?
        var credentials: CredentialProvider?
        var isShutDown = false
    }

    let configuration: EngineConfiguration
    let redactor: Redactor
    /// The registry, or why it cannot be found (an error only once a statement needs it).
    let registry: Result<Registry, any Error>
    let pageSizeRefusals = PageSizeRefusals()
    /// One adaptive limiter per API host (per project where the quota is), for every statement and connection.
    let limiters: HostLimiters
    let tableNames = TableNames()
    /// The response cache (`--cache-ttl`), shared by every statement and connection of the engine.
    let responseCache: ResponseCache
    private let lazy: Mutex<Lazy>

    init(configuration: EngineConfiguration, redactor: Redactor) {
        self.configuration = configuration
        self.redactor = redactor
        self.responseCache = ResponseCache(ttl: configuration.cacheTTL)
        self.limiters = HostLimiters(ceiling: configuration.concurrency, retry: configuration.retry)
        self.registry = Result {
            Registry(root: try RegistryLocator.locate(explicitPath: configuration.registryPath),
                     cacheDirectory: configuration.registryCacheDirectory)
        }
        self.lazy = Mutex(Lazy(transport: configuration.transport))
    }

    var isShutDown: Bool { lazy.withLock { $0.isShutDown } }

    /// The configured transport, else an ``AsyncHTTPTransport`` made now and shut down with the engine.
    func transport() -> any HTTPTransport {
        lazy.withLock { state in
            if let transport = state.transport { return transport }
            let created = AsyncHTTPTransport(connectionsPerHost: configuration.concurrency)
            state.ownedTransport = created
            state.transport = created
            return created
        }
    }

    /// The credentials of every provider, made on first use and kept for the engine's lifetime.
    func credentials() -> CredentialProvider {
        let transport = transport()
        return lazy.withLock { state in
            if let credentials = state.credentials { return credentials }
            let registry = try? self.registry.get()
            let created = CredentialProvider(
                resolver: credentialResolver,
                client: TokenClient(transport: transport, redactor: redactor,
                                    endpointOverrides: configuration.endpointOverrides),
                documentAuth: { provider in (try? registry?.providerHeader(named: provider))?.authConfig })
            state.credentials = created
            return created
        }
    }

    var credentialResolver: CredentialResolver {
        CredentialResolver(configuration: configuration.auth, environment: configuration.environment, redactor: redactor)
    }

    /// The headers a request to `provider` is signed with, the credential shown as `<redacted>` (what a dry run
    /// prints): the same assembly as the sent ones (``CredentialProvider/headers(of:token:)``). Reads the
    /// credential's source but fetches no token and opens no connection.
    func shownHeaders(for provider: String) -> [(name: String, value: String)] {
        let documentAuth = (try? registry.get().providerHeader(named: provider))?.authConfig
        do {
            guard let source = try credentialResolver.source(for: provider, documentAuth: documentAuth) else { return [] }
            return CredentialProvider.headers(of: source, token: "<redacted>")
        } catch {
            return credentialResolver.authenticates(provider, documentAuth: documentAuth) ? [("Authorization", "Bearer <redacted>")] : []
        }
    }

    /// The credential of each provider (``Engine/authStatus(providers:)``); by default those of the registry and
    /// of the configuration.
    func authStatus(providers: [String]?) async -> [AuthStatus] {
        var names = providers ?? ((try? registry.get().providers().map(\.name)) ?? [])
        if providers == nil {
            for name in configuration.auth.providers.keys where !names.contains(name) { names.append(name) }
        }
        let credentials = credentials()
        var statuses: [AuthStatus] = []
        for name in names.sorted() { statuses.append(await credentials.status(for: name)) }
        return statuses
    }

    /// Closes the connection pool the engine made, if it made one.
    func shutdown() async throws {
        let owned = lazy.withLock { state in
            state.isShutDown = true
            defer { state.ownedTransport = nil }
            return state.ownedTransport
        }
        try await owned?.shutdown()
    }
}
