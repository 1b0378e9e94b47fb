import Crypto
import Foundation
@testable import StackQServer

/// The client side of SCRAM-SHA-256, to drive ``SCRAMServer`` in tests.
struct SCRAMClient {
    let password: String
    let nonce: String
    var clientFirstBare: String { "n=,r=\(nonce)" }
    var clientFirst: [UInt8] { Array("n,,\(clientFirstBare)".utf8) }

    /// The client-final-message for `serverFirst`, and the server signature to expect.
    func final(serverFirst: [UInt8]) -> (message: [UInt8], serverSignature: String) {
        let serverFirstText = String(decoding: serverFirst, as: UTF8.self)
        let nonce = SCRAMServer.attribute("r", in: serverFirstText)!
        let salt = Array(Data(base64Encoded: SCRAMServer.attribute("s", in: serverFirstText)!)!)
        let iterations = Int(SCRAMServer.attribute("i", in: serverFirstText)!)!
        let salted = SCRAMCredentials.pbkdf2(password: Array(password.utf8), salt: salt, iterations: iterations)
        let clientKey = SCRAMCredentials.hmac(salted, "Client Key")
        let storedKey = Array(SHA256.hash(data: clientKey))
        let withoutProof = "c=biws,r=\(nonce)"
        let authMessage = Array("\(clientFirstBare),\(serverFirstText),\(withoutProof)".utf8)
        let signature = SCRAMCredentials.hmac(storedKey, authMessage)
        let proof = zip(clientKey, signature).map { $0 ^ $1 }
        let serverSignature = SCRAMCredentials.hmac(SCRAMCredentials.hmac(salted, "Server Key"), authMessage)
        return (Array("\(withoutProof),p=\(Data(proof).base64EncodedString())".utf8),
                "v=\(Data(serverSignature).base64EncodedString())")
    }
}
