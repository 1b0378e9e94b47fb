import Foundation

/// The GCE/GKE/Cloud Run metadata server's token for the instance's default service account.
///
/// The host is `GCE_METADATA_HOST` when set (tests point it at the emulator), else `metadata.google.internal`.
/// Requests carry `Metadata-Flavor: Google` and a short deadline, so a laptop is not kept waiting.
struct MetadataServerCredentials: CredentialSource {
    static let defaultHost = "metadata.google.internal"

    let host: String
    let scopes: [String]
    let quotaProject: String?
    /// The deadline of one metadata request: short for the default host, which may not exist.
    var timeout: Duration = .seconds(3)

    var base: String {
        (host.contains("://") ? host : "http://" + host) + "/computeMetadata/v1/instance/service-accounts/default"
    }

    var summary: CredentialSummary {
        CredentialSummary(source: "the metadata server \(host)", account: "the instance's default service account",
                          scopes: scopes, quotaProject: quotaProject)
    }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        var url = base + "/token"
        if !scopes.isEmpty {
            url += "?scopes=" + PercentEncoding.queryComponent(scopes.joined(separator: ","))
        }
        let request = HTTPRequest(method: "GET", url: url, headers: [("Metadata-Flavor", "Google")])
        let who = "the metadata server \(host)"
        return try client.oauthToken(from: try await client.send(request, who: who, timeout: timeout), who: who)
    }
}
