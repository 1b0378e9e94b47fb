/// An `authorized_user` credential the token endpoint accepts for `grant_type=refresh_token`.
public struct AuthorizedUser: Sendable, Hashable {
    /// The OAuth client id a refresh request must carry (`client_id`).
    public var clientID: String
    /// The client secret a refresh request must carry (`client_secret`).
    public var clientSecret: String
    /// The refresh token accepted (`refresh_token`).
    public var refreshToken: String
    /// The email recorded as `creator` of what this user creates.
    public var email: String

    /// A user with these OAuth values; ``email`` defaults to `authorized-user@example.com`.
    public init(clientID: String, clientSecret: String, refreshToken: String,
                email: String = "authorized-user@example.com") {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.email = email
    }
}
