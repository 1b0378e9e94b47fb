import NIOCore
import Testing
@testable import StackQServer

@Suite struct ConnectionStateMachineTests {
    @Test func withoutAPasswordTheSessionStartsAtOnce() {
        var machine = ConnectionStateMachine(credentials: nil)
        #expect(machine.receive(.startup(.startup(parameters: ["user": "ana"]))) == .startSession(parameters: ["user": "ana"], preceding: []))
        #expect(machine.receive(.query("SELECT 1")) == .process(.query("SELECT 1")))
    }

    @Test func aStartupWithoutAUserIsRefused() {
        var machine = ConnectionStateMachine(credentials: nil)
        guard case .fail(let error) = machine.receive(.startup(.startup(parameters: [:]))) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "28000")
        #expect(machine.receive(.query("SELECT 1")) == .ignore)
    }

    @Test func scramThenTheSession() throws {
        var machine = ConnectionStateMachine(credentials: SCRAMCredentials(password: "secret", iterations: 16))
        #expect(machine.receive(.startup(.startup(parameters: ["user": "ana"]))) == .send([.authentication(.sasl(mechanisms: ["SCRAM-SHA-256"]))]))
        let client = SCRAMClient(password: "secret", nonce: "nonce1")
        guard case .send(let messages) = machine.receive(.authentication(Self.initialResponse(client.clientFirst))),
              case .authentication(.saslContinue(let serverFirst))? = messages.first else {
            Issue.record("expected SASLContinue")
            return
        }
        let (final, signature) = client.final(serverFirst: serverFirst)
        let action = machine.receive(.authentication(ByteBuffer(bytes: final)))
        #expect(action == .startSession(parameters: ["user": "ana"], preceding: [.authentication(.saslFinal(Array(signature.utf8)))]))
    }

    @Test func aWrongPasswordEndsWith28P01() {
        var machine = ConnectionStateMachine(credentials: SCRAMCredentials(password: "secret", iterations: 16))
        _ = machine.receive(.startup(.startup(parameters: ["user": "ana"])))
        let client = SCRAMClient(password: "guess", nonce: "nonce1")
        guard case .send(let messages) = machine.receive(.authentication(Self.initialResponse(client.clientFirst))),
              case .authentication(.saslContinue(let serverFirst))? = messages.first else {
            Issue.record("expected SASLContinue")
            return
        }
        guard case .fail(let error) = machine.receive(.authentication(ByteBuffer(bytes: client.final(serverFirst: serverFirst).message))) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "28P01")
        #expect(error.severity == .fatal)
    }

    @Test func queriesBeforeAuthenticationAreRefused() {
        var machine = ConnectionStateMachine(credentials: SCRAMCredentials(password: "secret", iterations: 16))
        _ = machine.receive(.startup(.startup(parameters: ["user": "ana"])))
        guard case .fail(let error) = machine.receive(.query("SELECT 1")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "08P01")
    }

    @Test func afterAnExtendedQueryErrorEverythingUpToSyncIsSkipped() {
        var machine = ConnectionStateMachine(credentials: nil)
        _ = machine.receive(.startup(.startup(parameters: ["user": "ana"])))
        machine.extendedQueryFailed()
        #expect(machine.receive(.bind(BindMessage(portal: "", statement: "", parameterFormats: [], parameters: [], resultFormats: []))) == .ignore)
        #expect(machine.receive(.execute(ExecuteMessage(portal: "", maxRows: 0))) == .ignore)
        #expect(machine.receive(.sync) == .process(.sync))
        #expect(machine.receive(.query("SELECT 1")) == .process(.query("SELECT 1")))
    }

    @Test func aCancelRequestNamesItsConnection() {
        var machine = ConnectionStateMachine(credentials: nil)
        #expect(machine.receive(.startup(.cancel(processID: 7, secretKey: 9))) == .cancel(processID: 7, secretKey: 9))
    }

    static func initialResponse(_ data: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeCString("SCRAM-SHA-256")
        buffer.writeInteger(Int32(data.count))
        buffer.writeBytes(data)
        return buffer
    }
}
