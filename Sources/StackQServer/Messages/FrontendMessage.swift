import NIOCore

/// A message from the client, decoded by ``FrontendMessageDecoder``.
enum FrontendMessage: Sendable, Hashable {
    /// The connection's first message (and what SSLRequest/GSSENCRequest lead to).
    case startup(StartupRequest)
    /// `p`: a password, SASLInitialResponse or SASLResponse; which one depends on the authentication exchange.
    case authentication(ByteBuffer)
    /// `Q`: one or more statements, simple protocol.
    case query(String)
    case parse(ParseMessage)
    case bind(BindMessage)
    case describe(DescribeTarget)
    case execute(ExecuteMessage)
    case close(DescribeTarget)
    case sync
    case flush
    case terminate

    /// Decodes the body of a typed message.
    static func decode(type: UInt8, body: inout ByteBuffer) throws -> FrontendMessage {
        switch type {
        case UInt8(ascii: "p"): return .authentication(body)
        case UInt8(ascii: "Q"):
            guard let query = body.readCString() else { throw ProtocolError(message: "Query without its terminator") }
            return .query(query)
        case UInt8(ascii: "P"): return .parse(try ParseMessage.decode(&body))
        case UInt8(ascii: "B"): return .bind(try BindMessage.decode(&body))
        case UInt8(ascii: "D"): return .describe(try DescribeTarget.decode(&body, message: "Describe"))
        case UInt8(ascii: "E"): return .execute(try ExecuteMessage.decode(&body))
        case UInt8(ascii: "C"): return .close(try DescribeTarget.decode(&body, message: "Close"))
        case UInt8(ascii: "S"): return .sync
        case UInt8(ascii: "H"): return .flush
        case UInt8(ascii: "X"): return .terminate
        case UInt8(ascii: "d"), UInt8(ascii: "c"), UInt8(ascii: "f"):
            throw ProtocolError(message: "COPY is not supported")
        case UInt8(ascii: "F"):
            throw ProtocolError(message: "the function call protocol is not supported")
        default:
            throw ProtocolError(message: "unknown message type '\(Unicode.Scalar(type))'")
        }
    }
}
