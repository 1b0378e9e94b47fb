import Crypto
import Foundation

/// The server's SCRAM-SHA-256 secrets for one password: derived once when the server starts, so the password
/// itself is not kept.
struct SCRAMCredentials: Sendable {
    let salt: [UInt8]
    let iterations: Int
    let storedKey: [UInt8]
    let serverKey: [UInt8]

    /// Derives the keys of `password` with `salt` (random when not given) and `iterations` rounds of PBKDF2.
    init(password: String, salt: [UInt8]? = nil, iterations: Int = 4096) {
        let salt = salt ?? (0..<16).map { _ in UInt8.random(in: 0...255) }
        let salted = SCRAMCredentials.pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations)
        let clientKey = SCRAMCredentials.hmac(salted, "Client Key")
        self.salt = salt
        self.iterations = iterations
        self.storedKey = Array(SHA256.hash(data: clientKey))
        self.serverKey = SCRAMCredentials.hmac(salted, "Server Key")
    }

    static func hmac(_ key: [UInt8], _ message: String) -> [UInt8] {
        hmac(key, Array(message.utf8))
    }

    static func hmac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// PBKDF2-HMAC-SHA-256 of one block (SCRAM's `Hi`): the output is exactly one SHA-256 length.
    static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<max(1, iterations) {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for i in result.indices { result[i] ^= block[i] }
        }
        return result
    }
}
