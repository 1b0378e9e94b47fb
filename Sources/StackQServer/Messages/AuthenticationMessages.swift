import NIOCore

/// `R` messages: the steps of authentication the server sends.
enum AuthenticationRequest: Sendable, Hashable {
    /// AuthenticationOk.
    case ok
    /// AuthenticationSASL: the mechanisms offered (`SCRAM-SHA-256`).
    case sasl(mechanisms: [String])
    /// AuthenticationSASLContinue: the server-first-message.
    case saslContinue([UInt8])
    /// AuthenticationSASLFinal: the server-final-message.
    case saslFinal([UInt8])

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeMessage(UInt8(ascii: "R")) { body in
            switch self {
            case .ok:
                body.writeInteger(Int32(0))
            case .sasl(let mechanisms):
                body.writeInteger(Int32(10))
                for mechanism in mechanisms { body.writeCString(mechanism) }
                body.writeInteger(UInt8(0))
            case .saslContinue(let data):
                body.writeInteger(Int32(11))
                body.writeBytes(data)
            case .saslFinal(let data):
                body.writeInteger(Int32(12))
                body.writeBytes(data)
            }
        }
    }
}

/// The client's `p` message during SCRAM: SASLInitialResponse (mechanism and first message) or SASLResponse.
enum SASLClientMessage: Sendable, Hashable {
    case initial(mechanism: String, data: [UInt8])
    case response([UInt8])

    /// Decodes a `p` body as the step of the exchange that is expected.
    static func decode(_ body: ByteBuffer, initial: Bool) throws -> SASLClientMessage {
        var body = body
        guard initial else { return .response(body.readBytes(length: body.readableBytes) ?? []) }
        guard let mechanism = body.readCString(), let length: Int32 = body.readInteger() else {
            throw ProtocolError(message: "malformed SASLInitialResponse")
        }
        let data = length < 0 ? [] : (body.readBytes(length: Int(length)) ?? [])
        return .initial(mechanism: mechanism, data: data)
    }
}
