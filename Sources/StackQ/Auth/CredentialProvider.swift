import Foundation

/// The credentials of every provider for the lifetime of an ``Engine``: resolves each provider's source once,
/// caches its token, refreshes it before expiry, and makes concurrent requests that find it stale wait for one
/// refresh instead of starting one each.
actor CredentialProvider {
    /// What one provider has: its source (nil: no credential) and the current token or the refresh under way.
    struct Entry {
        var source: (any CredentialSource)?
        var token: AccessToken?
        var refresh: Task<AccessToken, any Error>?
    }

    let resolver: CredentialResolver
    let client: TokenClient
    let documentAuth: @Sendable (String) -> JSONValue?
    var entries: [String: Entry] = [:]

    /// - Parameter documentAuth: a provider's `config.auth` from its provider document (read lazily).
    init(resolver: CredentialResolver, client: TokenClient, documentAuth: @escaping @Sendable (String) -> JSONValue?) {
        self.resolver = resolver
        self.client = client
        self.documentAuth = documentAuth
    }

    /// The headers that authenticate a request to `provider`: `Authorization` and, when set, `x-goog-user-project`.
    /// Empty for a provider that sends no credential.
    func headers(for provider: String) async throws -> [(name: String, value: String)] {
        guard let source = try entry(for: provider).source else { return [] }
        return CredentialProvider.headers(of: source, token: try await validToken(for: provider).value)
    }

    /// `Authorization` (Basic for a basic credential, else Bearer) and, when the source has one,
    /// `x-goog-user-project`: the one assembly of sent and shown requests.
    static func headers(of source: any CredentialSource, token: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let basic = source as? EnvironmentCredentials, basic.scheme == .basic {
            headers.append(("Authorization", "Basic \(token)"))
        } else {
            headers.append(("Authorization", "Bearer \(token)"))
        }
        if let quotaProject = source.summary.quotaProject, !quotaProject.isEmpty {
            headers.append(("x-goog-user-project", quotaProject))
        }
        return headers
    }

    /// Called when the server answered 401 to a request sent with `rejected` headers: the token is dropped (once,
    /// however many requests saw it rejected) so the next ``headers(for:)`` fetches a new one.
    func reject(provider: String, headers rejected: [(name: String, value: String)]) {
        guard var entry = entries[provider], let token = entry.token else { return }
        let sent = rejected.first { $0.name == "Authorization" }?.value
        guard sent == "Bearer \(token.value)" || sent == "Basic \(token.value)" else { return }
        entry.token = nil
        entries[provider] = entry
    }

    /// What `stackq auth status` shows for `provider`: the source, account, scopes, quota project and the
    /// token's remaining lifetime (fetching a token proves the source works).
    func status(for provider: String) async -> AuthStatus {
        do {
            guard let source = try entry(for: provider).source else {
                return AuthStatus(provider: provider, summary: CredentialSummary(source: "none (requests are not signed)"))
            }
            let token = try await validToken(for: provider)
            return AuthStatus(provider: provider, summary: source.summary,
                              expiresIn: token.expiresAt.map { max(0, Int($0.timeIntervalSinceNow.rounded())) })
        } catch {
            let message = client.redactor.redact((error as? AuthError)?.message ?? "\(error)")
            return AuthStatus(provider: provider, summary: CredentialSummary(source: "none"), error: message)
        }
    }

    // MARK: -

    func entry(for provider: String) throws -> Entry {
        if let entry = entries[provider] { return entry }
        let source = try resolver.source(for: provider, documentAuth: documentAuth(provider))
        let entry = Entry(source: source)
        entries[provider] = entry
        return entry
    }

    /// The cached token when it is fresh; otherwise the refresh under way, or a new one.
    func validToken(for provider: String) async throws -> AccessToken {
        let entry = try entry(for: provider)
        if let token = entry.token, !token.isStale(at: Date()) { return token }
        if let refresh = entry.refresh { return try await refresh.value }
        guard let source = entry.source else { throw AuthError(message: "\(provider) has no credential source") }
        let client = self.client
        let refresh = Task { try await source.fetchToken(client) }
        entries[provider]?.refresh = refresh
        do {
            let token = try await refresh.value
            entries[provider]?.token = token
            entries[provider]?.refresh = nil
            return token
        } catch {
            entries[provider]?.refresh = nil
            throw error
        }
    }
}

/// One provider's credential as `stackq auth status` reports it; never the token itself.
public struct AuthStatus: Sendable, Hashable {
    /// The provider's name (`google`).
    public var provider: String
    /// The source in use, its account, scopes and quota project.
    public var summary: CredentialSummary
    /// Seconds until the current token expires; nil when unknown or when there is no token.
    public var expiresIn: Int?
    /// Why no credential could be had, when none could.
    public var error: String?

    /// The status of `provider`'s credential; `error` nil means one could be had.
    public init(provider: String, summary: CredentialSummary, expiresIn: Int? = nil, error: String? = nil) {
        self.provider = provider
        self.summary = summary
        self.expiresIn = expiresIn
        self.error = error
    }
}
