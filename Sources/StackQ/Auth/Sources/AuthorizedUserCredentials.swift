/// A user's OAuth refresh token (`gcloud auth application-default login`), exchanged with the
/// `refresh_token` grant.
struct AuthorizedUserCredentials: CredentialSource {
    static let googleTokenURL = "https://oauth2.googleapis.com/token"

    let clientID: String
    let clientSecret: String
    let refreshToken: String
    let tokenURL: String
    let account: String?
    let quotaProject: String?
    let origin: String

    var summary: CredentialSummary {
        CredentialSummary(source: origin, account: account ?? "user credentials of OAuth client \(clientID)",
                          quotaProject: quotaProject)
    }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        try await client.exchange(
            tokenURL: tokenURL,
            fields: [("grant_type", "refresh_token"), ("client_id", clientID), ("client_secret", clientSecret),
                     ("refresh_token", refreshToken)],
            who: "the token endpoint \(tokenURL) refused the user credentials (\(origin))")
    }
}
