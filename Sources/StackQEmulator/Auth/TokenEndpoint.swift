import Foundation
import StackQ

/// `POST /token`: exchanges a service account's JWT assertion or an authorized user's refresh token for an
/// access token, answering `{"access_token":"…","expires_in":3600,"token_type":"Bearer"}`.
struct TokenEndpoint: Sendable {
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    var configuration: EmulatorConfiguration

    /// Handles a form-encoded request body; `tokenURL` is the endpoint's own URL (an accepted JWT audience).
    func exchange(form text: String, tokenURL: String, store: EmulatorStore) async throws(TokenError) -> [UInt8] {
        let form = FormDecoding.decode(text)
        guard let grant = form["grant_type"] else { throw .invalidRequest("Missing required parameter: grant_type") }
        let principal: String
        switch grant {
        case TokenEndpoint.jwtBearerGrant:
            guard let assertion = form["assertion"], !assertion.isEmpty else {
                throw .invalidRequest("Missing required parameter: assertion")
            }
            let jwt = try JWTAssertion(verifying: assertion, accounts: configuration.serviceAccounts,
                                       tokenURL: tokenURL, now: configuration.clock.now())
            principal = jwt.issuer
        case "refresh_token":
            guard let clientID = form["client_id"], let refreshToken = form["refresh_token"] else {
                throw .invalidRequest("Missing required parameter: client_id or refresh_token")
            }
            let users = configuration.authorizedUsers.filter { $0.clientID == clientID }
            guard !users.isEmpty, users.contains(where: { $0.clientSecret == form["client_secret"] }) else {
                throw .invalidClient("The OAuth client was not found.")
            }
            guard let user = users.first(where: { $0.clientSecret == form["client_secret"] && $0.refreshToken == refreshToken }) else {
                throw .invalidGrant("Bad Request")
            }
            principal = user.email
        default:
            throw .unsupportedGrantType(grant)
        }
        let issued = await store.issueToken(for: principal)
        return JSONValue.object([
            ("access_token", .string(issued.token)),
            ("expires_in", .number(Double(issued.expiresIn))),
            ("token_type", .string("Bearer")),
        ]).bytes
    }
}
