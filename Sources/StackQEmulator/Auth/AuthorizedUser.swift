/// An `authorized_user` credential the token endpoint accepts for `grant_type=refresh_token`.
public struct AuthorizedUser: Sendable, Hashable {
    public var clientID: String
    public var clientSecret: String
    public var refreshToken: String
    /// The email recorded as `creator` of what this user creates.
    public var email: String

    public init(clientID: String, clientSecret: String, refreshToken: String,
                email: String = "authorized-user@example.com") {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.email = email
    }
}
