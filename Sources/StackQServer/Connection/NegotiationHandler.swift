import NIOCore
import NIOSSL

/// Answers the requests that may come before the startup packet: SSLRequest (`S` and TLS from here on when the
/// server has a certificate, `N` otherwise) and GSSENCRequest (`N`). Then it steps out of the pipeline and hands
/// everything on to the decoder.
final class NegotiationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let tls: NIOSSLContext?
    private var buffer: ByteBuffer?

    init(tls: NIOSSLContext?) {
        self.tls = tls
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if buffer == nil {
            buffer = incoming
        } else {
            buffer!.writeBuffer(&incoming)
        }
        while let current = buffer, current.readableBytes >= 8 {
            let length: Int32 = current.getInteger(at: current.readerIndex)!
            let code: Int32 = current.getInteger(at: current.readerIndex + 4)!
            guard length == 8, code == StartupRequest.sslCode || code == StartupRequest.gssEncryptionCode else { break }
            buffer!.moveReaderIndex(forwardBy: 8)
            if code == StartupRequest.sslCode, let tls {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "S")), promise: nil)
                do {
                    try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .before(self))
                } catch {
                    context.fireErrorCaught(error)
                }
                // The TLS handshake follows (a client sends nothing before it reads `S`); the startup packet
                // comes next, decrypted, and goes on to the decoder.
                buffer = nil
                return
            }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "N")), promise: nil)
        }
        guard let current = buffer, current.readableBytes >= 8 else { return }
        buffer = nil
        context.fireChannelRead(wrapInboundOut(current))
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
    }
}
