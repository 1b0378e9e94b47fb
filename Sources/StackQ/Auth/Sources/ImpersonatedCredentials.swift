import Foundation

/// A service account's token obtained with another credential through IAM Credentials
/// `generateAccessToken`, as gcloud's `--impersonate-service-account` does: the last account of the chain is the
/// target, the ones before it are delegates.
struct ImpersonatedCredentials: CredentialSource {
    static let iamCredentialsURL = "https://iamcredentials.googleapis.com"

    let base: any CredentialSource
    let chain: [String]
    let scopes: [String]
    let quotaProject: String?

    var target: String { chain[chain.count - 1] }

    var summary: CredentialSummary {
        let via = chain.count > 1 ? " through \(chain.dropLast().joined(separator: ", "))" : ""
        return CredentialSummary(source: "impersonation\(via), from \(base.summary.source)", account: target,
                                 scopes: scopes, quotaProject: quotaProject)
    }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        let sourceToken = try await base.fetchToken(client)
        let host = client.googleBase(service: "iamcredentials", default: ImpersonatedCredentials.iamCredentialsURL)
        let url = host + "/v1/projects/-/serviceAccounts/" + PercentEncoding.pathSegment(target) + ":generateAccessToken"
        let body = JSONValue.object([
            ("delegates", .array(chain.dropLast().map { .string("projects/-/serviceAccounts/\($0)") })),
            ("scope", .array(scopes.map(JSONValue.string))),
            ("lifetime", .string("3600s")),
        ])
        let request = HTTPRequest(method: "POST", url: url,
                                  headers: [("Authorization", "Bearer \(sourceToken.value)"),
                                            ("Content-Type", "application/json"),
                                            ("User-Agent", StackQVersion.userAgent)],
                                  body: Array(body.serialized().utf8))
        let who = "IAM Credentials refused to let \(base.summary.account ?? base.summary.source) impersonate \(target)"
        let json = try await client.send(request, who: who)
        guard let token = json["accessToken"]?.stringValue, !token.isEmpty else {
            throw AuthError(message: "\(who): the answer has no accessToken")
        }
        client.redactor.register(token)
        let expiry = json["expireTime"]?.stringValue.flatMap(ImpersonatedCredentials.parseTime)
        return AccessToken(value: token, expiresAt: expiry ?? Date().addingTimeInterval(3600))
    }

    /// An RFC 3339 time (`2026-12-01T21:00:00Z`, with or without fractional seconds).
    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
