import Foundation
import Testing
@testable import StackQServer

@Suite struct SCRAMTests {
    /// RFC 7677 section 3: user "user", password "pencil".
    @Test func theExchangeOfRFC7677() throws {
        let credentials = SCRAMCredentials(password: "pencil", salt: Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==")!))
        var server = SCRAMServer(credentials: credentials, serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0")
        let serverFirst = try server.receiveClientFirst(Array("n,,n=user,r=rOprNGfwEbeRWgbNEkqO".utf8))
        #expect(String(decoding: serverFirst, as: UTF8.self)
                == "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
        let serverFinal = try server.receiveClientFinal(Array(
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=".utf8))
        #expect(String(decoding: serverFinal, as: UTF8.self) == "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
    }

    @Test func aWrongPasswordFails() throws {
        var server = SCRAMServer(credentials: SCRAMCredentials(password: "right"))
        let client = SCRAMClient(password: "wrong", nonce: "abc")
        let serverFirst = try server.receiveClientFirst(client.clientFirst)
        #expect(throws: SCRAMServer.Failure.wrongPassword) {
            try server.receiveClientFinal(client.final(serverFirst: serverFirst).message)
        }
    }

    @Test func channelBindingIsRefused() {
        var server = SCRAMServer(credentials: SCRAMCredentials(password: "x"))
        #expect(throws: SCRAMServer.Failure.channelBindingUnsupported) {
            try server.receiveClientFirst(Array("p=tls-server-end-point,,n=,r=abc".utf8))
        }
    }
}
