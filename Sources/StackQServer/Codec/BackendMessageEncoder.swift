import NIOCore

/// Encodes the server's messages; a batch (the messages of one step) goes out as one buffer.
struct BackendMessageEncoder: MessageToByteEncoder {
    typealias OutboundIn = [BackendMessage]

    func encode(data: [BackendMessage], out: inout ByteBuffer) {
        for message in data { message.encode(into: &out) }
    }
}
