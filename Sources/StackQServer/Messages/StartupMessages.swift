import NIOCore

/// The untyped messages a connection starts with: a startup packet, or a request for TLS, GSS encryption, or
/// to cancel another connection's statement.
enum StartupRequest: Sendable, Hashable {
    /// StartupMessage: protocol 3.0 and the connection's parameters (`user`, `database`, `application_name`, …).
    case startup(parameters: [String: String])
    /// SSLRequest: answered `S` (TLS follows) or `N`.
    case ssl
    /// GSSENCRequest: always answered `N`.
    case gssEncryption
    /// CancelRequest for the connection whose BackendKeyData carried these numbers.
    case cancel(processID: Int32, secretKey: Int32)

    static let sslCode: Int32 = 80_877_103
    static let gssEncryptionCode: Int32 = 80_877_104
    static let cancelCode: Int32 = 80_877_102
    static let protocolVersion3: Int32 = 196_608

    /// Decodes the body of an untyped message (after its length).
    static func decode(_ body: inout ByteBuffer) throws -> StartupRequest {
        guard let code: Int32 = body.readInteger() else { throw ProtocolError(message: "startup packet too short") }
        switch code {
        case sslCode: return .ssl
        case gssEncryptionCode: return .gssEncryption
        case cancelCode:
            guard let processID: Int32 = body.readInteger(), let secretKey: Int32 = body.readInteger() else {
                throw ProtocolError(message: "CancelRequest too short")
            }
            return .cancel(processID: processID, secretKey: secretKey)
        case protocolVersion3:
            var parameters: [String: String] = [:]
            while let name = body.readCString(), !name.isEmpty {
                guard let value = body.readCString() else { throw ProtocolError(message: "startup parameter \(name) has no value") }
                parameters[name] = value
            }
            return .startup(parameters: parameters)
        default:
            throw ProtocolError(message: "unsupported frontend protocol \(code >> 16).\(code & 0xFFFF): stackq speaks protocol 3.0")
        }
    }
}
