/// A service account the token endpoint trusts: its email (the JWT `iss`) and the PEM of its public key.
public struct ServiceAccountKey: Sendable, Hashable {
    public var clientEmail: String
    /// `-----BEGIN PUBLIC KEY-----` PEM of the RSA key that signs the account's assertions.
    public var publicKeyPEM: String

    public init(clientEmail: String, publicKeyPEM: String) {
        self.clientEmail = clientEmail
        self.publicKeyPEM = publicKeyPEM
    }
}
