import Crypto
import _CryptoExtras
import Foundation

/// A service-account key: an RS256-signed JWT assertion (RFC 7523) exchanged at the key's `token_uri`.
struct ServiceAccountCredentials: CredentialSource {
    static let googleTokenURL = "https://oauth2.googleapis.com/token"
    static let jwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    let clientEmail: String
    let privateKey: _RSA.Signing.PrivateKey
    let privateKeyID: String?
    let tokenURL: String
    let scopes: [String]
    let subject: String?
    let quotaProject: String?
    let origin: String

    init(clientEmail: String, privateKeyPEM: String, privateKeyID: String?, tokenURL: String, scopes: [String],
         subject: String?, quotaProject: String?, origin: String) throws {
        do {
            privateKey = try _RSA.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw AuthError(message: "\(origin): the private_key of \(clientEmail) is not a PEM RSA private key")
        }
        self.clientEmail = clientEmail
        self.privateKeyID = privateKeyID
        self.tokenURL = tokenURL
        self.scopes = scopes
        self.subject = subject
        self.quotaProject = quotaProject
        self.origin = origin
    }

    var summary: CredentialSummary {
        CredentialSummary(source: origin, account: subject.map { "\(clientEmail) as \($0)" } ?? clientEmail,
                          scopes: scopes, quotaProject: quotaProject)
    }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        let assertion = try self.assertion(now: Date())
        // A secret from the moment it is signed: a token endpoint may echo it back in an error.
        client.redactor.register(assertion)
        return try await client.exchange(
            tokenURL: tokenURL,
            fields: [("grant_type", ServiceAccountCredentials.jwtBearerGrant), ("assertion", assertion)],
            who: "the token endpoint \(tokenURL) refused the service account \(clientEmail)")
    }

    /// The signed assertion: `iss` the account, `aud` the token URL, one hour of validity, the scopes, and `sub`
    /// for domain-wide delegation.
    func assertion(now: Date) throws -> String {
        var header: [(key: String, value: JSONValue)] = [("alg", .string("RS256")), ("typ", .string("JWT"))]
        if let privateKeyID { header.append(("kid", .string(privateKeyID))) }
        let issuedAt = now.timeIntervalSince1970.rounded(.down)
        var claims: [(key: String, value: JSONValue)] = [
            ("iss", .string(clientEmail)),
            ("scope", .string(scopes.joined(separator: " "))),
            ("aud", .string(tokenURL)),
            ("iat", .number(issuedAt)),
            ("exp", .number(issuedAt + 3600)),
        ]
        if let subject { claims.append(("sub", .string(subject))) }
        let signingInput = Base64URL.encode(Array(JSONValue.object(header).serialized().utf8)) + "." + Base64URL.encode(Array(JSONValue.object(claims).serialized().utf8))
        let signature: _RSA.Signing.RSASignature
        do {
            signature = try privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        } catch {
            throw AuthError(message: "\(origin): cannot sign the assertion for \(clientEmail): \(error)")
        }
        return signingInput + "." + Base64URL.encode(Array(signature.rawRepresentation))
    }
}

/// Base64 with the URL alphabet and no padding (JWT's encoding).
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
