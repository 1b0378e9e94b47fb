import NIOCore

/// Frames and decodes client messages: the untyped startup packets first (length, then body), then typed
/// messages (type byte, length, body). Messages larger than ``maximumLength`` end the connection.
struct FrontendMessageDecoder: ByteToMessageDecoder {
    typealias InboundOut = FrontendMessage

    /// 64 MiB: far above any query a client sends, low enough that no client can make the server buffer gigabytes.
    static let maximumLength = 64 << 20

    /// True until a StartupMessage arrives; SSL and GSS requests keep the decoder in the untyped phase.
    private(set) var expectingStartup = true

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let message = try decode(buffer: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(message))
        return .continue
    }

    /// Takes one whole message off `buffer`, or nil when it holds only part of one.
    mutating func decode(buffer: inout ByteBuffer) throws -> FrontendMessage? {
        let headerLength = expectingStartup ? 4 : 5
        guard buffer.readableBytes >= headerLength else { return nil }
        let start = buffer.readerIndex
        let type: UInt8? = expectingStartup ? nil : buffer.getInteger(at: start)
        guard let length: Int32 = buffer.getInteger(at: start + headerLength - 4) else { return nil }
        guard length >= 4, Int(length) <= FrontendMessageDecoder.maximumLength else {
            throw ProtocolError(message: "message length \(length) out of range")
        }
        guard buffer.readableBytes >= headerLength - 4 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: headerLength)
        var body = buffer.readSlice(length: Int(length) - 4)!
        guard let type else {
            let request = try StartupRequest.decode(&body)
            if case .startup = request { expectingStartup = false }
            return .startup(request)
        }
        return try FrontendMessage.decode(type: type, body: &body)
    }
}
