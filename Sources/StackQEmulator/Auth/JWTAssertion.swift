import Crypto
import _CryptoExtras
import Foundation
import StackQ

/// A service account's signed JWT assertion (RFC 7523), checked the way Google's token endpoint checks it:
/// RS256 signature by a trusted key of the issuer, audience, issue and expiry times, and a scope.
struct JWTAssertion: Sendable {
    /// The issuer (the service account's email).
    var issuer: String
    var scope: String

    /// Audiences accepted besides the emulator's own `…/token` URL.
    static let googleAudiences: Set<String> = [
        "https://oauth2.googleapis.com/token",
        "https://www.googleapis.com/oauth2/v4/token",
        "https://accounts.google.com/o/oauth2/token",
    ]

    /// Verifies `assertion`; `tokenURL` is the emulator's own token endpoint, accepted as audience.
    init(verifying assertion: String, accounts: [ServiceAccountKey], tokenURL: String, now: Date) throws(TokenError) {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = JWTAssertion.base64URLDecode(parts[0]),
              let claimsBytes = JWTAssertion.base64URLDecode(parts[1]),
              let signature = JWTAssertion.base64URLDecode(parts[2]),
              let header = try? JSONValue(parsing: headerBytes),
              let claims = try? JSONValue(parsing: claimsBytes)
        else { throw .invalidGrant("Invalid JWT: not a signed JSON Web Token.") }
        guard header["alg"]?.stringValue == "RS256" else {
            throw .invalidGrant("Invalid JWT: the algorithm must be RS256.")
        }
        guard let issuer = claims["iss"]?.stringValue else { throw .invalidGrant("Invalid JWT: no iss claim.") }
        let keys = accounts.filter { $0.clientEmail == issuer }
        guard !keys.isEmpty else { throw .invalidGrant("Invalid JWT: unknown issuer \(issuer).") }

        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        let digest = SHA256.hash(data: signingInput)
        let verified = keys.contains { account in
            guard let key = try? _RSA.Signing.PublicKey(pemRepresentation: account.publicKeyPEM) else { return false }
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest,
                                        padding: .insecurePKCS1v1_5)
        }
        guard verified else { throw .invalidGrant("Invalid JWT Signature.") }

        guard let audience = claims["aud"]?.stringValue,
              audience == tokenURL || JWTAssertion.googleAudiences.contains(audience)
        else { throw .invalidGrant("Invalid JWT: the aud claim must be the token endpoint URL.") }
        guard case .number(let issuedAt) = claims["iat"] ?? .null, case .number(let expiry) = claims["exp"] ?? .null else {
            throw .invalidGrant("Invalid JWT: iat and exp claims are required.")
        }
        let current = now.timeIntervalSince1970
        guard issuedAt <= current + 300 else {
            throw .invalidGrant("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")
        }
        guard expiry > current, expiry - issuedAt <= 3600 else {
            throw .invalidGrant("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")
        }
        guard let scope = claims["scope"]?.stringValue, !scope.isEmpty else {
            throw .invalidGrant("Invalid JWT: no scope claim.")
        }
        self.issuer = issuer
        self.scope = scope
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
