import NIOCore

/// A message from the server, encoded by ``BackendMessageEncoder``.
enum BackendMessage: Sendable, Hashable {
    case authentication(AuthenticationRequest)
    case parameterStatus(name: String, value: String)
    case backendKeyData(processID: Int32, secretKey: Int32)
    case readyForQuery(TransactionStatus)
    case rowDescription([FieldDescription])
    case dataRows(DataRows)
    case commandComplete(String)
    case emptyQueryResponse
    case error(ErrorResponse)
    case notice(ErrorResponse)
    case parseComplete
    case bindComplete
    case closeComplete
    case noData
    case portalSuspended
    case parameterDescription([Int32])

    func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .authentication(let request):
            request.encode(into: &buffer)
        case .parameterStatus(let name, let value):
            buffer.writeMessage(UInt8(ascii: "S")) { $0.writeCString(name); $0.writeCString(value) }
        case .backendKeyData(let processID, let secretKey):
            buffer.writeMessage(UInt8(ascii: "K")) { $0.writeInteger(processID); $0.writeInteger(secretKey) }
        case .readyForQuery(let status):
            buffer.writeMessage(UInt8(ascii: "Z")) { $0.writeInteger(status.rawValue) }
        case .rowDescription(let fields):
            buffer.writeMessage(UInt8(ascii: "T")) { body in
                body.writeInteger(Int16(fields.count))
                for field in fields { field.encode(into: &body) }
            }
        case .dataRows(let rows):
            rows.encode(into: &buffer)
        case .commandComplete(let tag):
            buffer.writeMessage(UInt8(ascii: "C")) { $0.writeCString(tag) }
        case .emptyQueryResponse:
            buffer.writeMessage(UInt8(ascii: "I")) { _ in }
        case .error(let error):
            error.encode(into: &buffer)
        case .notice(let notice):
            notice.encode(into: &buffer, notice: true)
        case .parseComplete:
            buffer.writeMessage(UInt8(ascii: "1")) { _ in }
        case .bindComplete:
            buffer.writeMessage(UInt8(ascii: "2")) { _ in }
        case .closeComplete:
            buffer.writeMessage(UInt8(ascii: "3")) { _ in }
        case .noData:
            buffer.writeMessage(UInt8(ascii: "n")) { _ in }
        case .portalSuspended:
            buffer.writeMessage(UInt8(ascii: "s")) { _ in }
        case .parameterDescription(let types):
            buffer.writeMessage(UInt8(ascii: "t")) { body in
                body.writeInteger(Int16(types.count))
                for type in types { body.writeInteger(type) }
            }
        }
    }
}
