/// A service account the token endpoint trusts: its email (the JWT `iss`) and the PEM of its public key.
public struct ServiceAccountKey: Sendable, Hashable {
    /// The account's email: the `iss` its JWT assertions must carry.
    public var clientEmail: String
    /// `-----BEGIN PUBLIC KEY-----` PEM of the RSA key that signs the account's assertions.
    public var publicKeyPEM: String

    /// An account whose assertions are checked against `publicKeyPEM`.
    public init(clientEmail: String, publicKeyPEM: String) {
        self.clientEmail = clientEmail
        self.publicKeyPEM = publicKeyPEM
    }
}
