/// Somewhere an access token comes from: a key file, a refresh token, the metadata server, a command.
protocol CredentialSource: Sendable {
    /// What `stackq auth status` shows: the source and the account, never a secret.
    var summary: CredentialSummary { get }
    /// Fetches a new token (each call is a new exchange; ``CredentialProvider`` caches).
    func fetchToken(_ client: TokenClient) async throws -> AccessToken
}

/// A credential source described for people: where it came from and whose it is.
public struct CredentialSummary: Sendable, Hashable {
    /// `service account key file /keys/sa.json`, `metadata server 169.254.169.254`, …
    public var source: String
    /// The service account or user email, when known.
    public var account: String?
    /// The scopes requested, when the source takes scopes.
    public var scopes: [String]
    /// The project billed for quota (`x-goog-user-project`).
    public var quotaProject: String?

    /// A summary of `source`; the account, scopes and quota project are added when known.
    public init(source: String, account: String? = nil, scopes: [String] = [], quotaProject: String? = nil) {
        self.source = source
        self.account = account
        self.scopes = scopes
        self.quotaProject = quotaProject
    }
}
