import Crypto
import Foundation

/// The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677), as a value: client-first in,
/// server-first out; client-final in, server-final out or a failure. No channel binding is offered.
struct SCRAMServer: Sendable {
    /// Why an exchange failed; every case ends in 28P01 for the client (never saying which part was wrong).
    enum Failure: Error, Sendable, Hashable {
        case malformed(String)
        case channelBindingUnsupported
        case nonceMismatch
        case wrongPassword
    }

    static let mechanism = "SCRAM-SHA-256"

    let credentials: SCRAMCredentials
    let serverNonce: String
    private var clientFirstBare = ""
    private var serverFirst = ""
    private var gs2Header = ""
    private var combinedNonce = ""

    init(credentials: SCRAMCredentials, serverNonce: String = SCRAMServer.randomNonce()) {
        self.credentials = credentials
        self.serverNonce = serverNonce
    }

    static func randomNonce() -> String {
        Data((0..<18).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
    }

    /// Takes `n,,n=user,r=nonce` and answers `r=nonce+server,s=salt,i=iterations`.
    mutating func receiveClientFirst(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("client-first-message") }
        switch parts[0] {
        case "n", "y": break
        default: throw .channelBindingUnsupported
        }
        gs2Header = "\(parts[0]),\(parts[1]),"
        clientFirstBare = String(parts[2])
        guard let clientNonce = SCRAMServer.attribute("r", in: clientFirstBare), !clientNonce.isEmpty else {
            throw .malformed("client-first-message without a nonce")
        }
        combinedNonce = clientNonce + serverNonce
        serverFirst = "r=\(combinedNonce),s=\(Data(credentials.salt).base64EncodedString()),i=\(credentials.iterations)"
        return Array(serverFirst.utf8)
    }

    /// Takes `c=…,r=…,p=proof`, checks the proof, and answers `v=server-signature`.
    func receiveClientFinal(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let proofRange = text.range(of: ",p=") else { throw .malformed("client-final-message without a proof") }
        let withoutProof = String(text[..<proofRange.lowerBound])
        guard let proof = Data(base64Encoded: String(text[proofRange.upperBound...])), proof.count == 32 else {
            throw .malformed("client proof")
        }
        guard SCRAMServer.attribute("r", in: withoutProof) == combinedNonce else { throw .nonceMismatch }
        guard SCRAMServer.attribute("c", in: withoutProof) == Data(gs2Header.utf8).base64EncodedString() else {
            throw .channelBindingUnsupported
        }
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let clientSignature = SCRAMCredentials.hmac(credentials.storedKey, authMessage)
        let clientKey = zip(proof, clientSignature).map { $0 ^ $1 }
        guard Array(SHA256.hash(data: clientKey)) == credentials.storedKey else { throw .wrongPassword }
        let serverSignature = SCRAMCredentials.hmac(credentials.serverKey, authMessage)
        return Array("v=\(Data(serverSignature).base64EncodedString())".utf8)
    }

    /// The value of `name=` in a comma-separated attribute list.
    static func attribute(_ name: Character, in text: String) -> String? {
        for part in text.split(separator: ",") where part.first == name && part.dropFirst().first == "=" {
            return String(part.dropFirst(2))
        }
        return nil
    }
}
