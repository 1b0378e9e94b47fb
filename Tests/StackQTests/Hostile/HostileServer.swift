import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A loopback HTTP server that misbehaves on purpose, for the engine's defences. It answers the bundled
/// `google.dataproc.sessions` paths (`/v1/projects/{projectsId}/locations/{locationsId}/sessions[/{sessionsId}]`)
/// and the project id picks the misbehaviour (see ``HostileBehaviour``). Every request is recorded.
final class HostileServer: Sendable {
    /// One request as the server saw it.
    struct Recorded: Sendable {
        var method: String
        var uri: String
        var headers: [(name: String, value: String)]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    let channel: any Channel
    let port: Int
    let log = Mutex<[Recorded]>([])

    /// `http://127.0.0.1:PORT`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The requests answered so far.
    var requests: [Recorded] { log.withLock { $0 } }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Starts a server on an ephemeral 127.0.0.1 port.
    static func start() async throws -> HostileServer {
        let box = Mutex<HostileServer?>(nil)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HostileHandler(server: { box.withLock { $0 } }))
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = HostileServer(channel: channel, port: channel.localAddress?.port ?? 0)
        box.withLock { $0 = server }
        return server
    }

    func stop() async {
        try? await channel.close()
    }

    /// How many requests have been recorded whose URI contains `fragment`.
    func count(_ fragment: String) -> Int {
        requests.filter { $0.uri.contains(fragment) }.count
    }
}

/// Reads one request per connection and answers it as ``HostileBehaviour`` says, then closes the connection.
final class HostileHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let server: @Sendable () -> HostileServer?
    var head: HTTPRequestHead?

    init(server: @escaping @Sendable () -> HostileServer?) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head, let server = server() else { return }
            let recorded = HostileServer.Recorded(method: head.method.rawValue, uri: head.uri,
                                                  headers: head.headers.map { ($0.name, $0.value) })
            let previous = server.log.withLock { log -> Int in
                let path = head.uri.split(separator: "?").first.map(String.init) ?? head.uri
                let count = log.filter { ($0.uri.split(separator: "?").first.map(String.init) ?? $0.uri) == path }.count
                log.append(recorded)
                return count
            }
            respond(HostileBehaviour.reply(to: recorded, earlierRequests: previous, server: server), context: context)
        }
    }

    func respond(_ reply: HostileBehaviour.Reply, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Connection", value: "close")
        switch reply.body {
        case .full(let body):
            headers.replaceOrAdd(name: "Content-Length", value: "\(body.count)")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: reply.status), headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        case .stallAfterHeaders:
            headers.replaceOrAdd(name: "Content-Length", value: "100")
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: reply.status), headers: headers))), promise: nil)
        case .trickle(let body, let interval):
            headers.replaceOrAdd(name: "Content-Length", value: "\(body.count)")
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: reply.status), headers: headers))), promise: nil)
            trickle(body[...], every: interval, context: NIOLoopBound(context, eventLoop: context.eventLoop), handler: NIOLoopBound(self, eventLoop: context.eventLoop))
        }
    }

    /// Sends one byte of `rest` every `interval` while the connection is open.
    func trickle(_ rest: ArraySlice<UInt8>, every interval: TimeAmount, context: NIOLoopBound<ChannelHandlerContext>,
                 handler: NIOLoopBound<HostileHandler>) {
        guard let byte = rest.first else { return }
        context.value.eventLoop.scheduleTask(in: interval) {
            let context = context.value
            guard context.channel.isActive else { return }
            context.writeAndFlush(handler.value.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: [byte])))), promise: nil)
            handler.value.trickle(rest.dropFirst(), every: interval, context: NIOLoopBound(context, eventLoop: context.eventLoop), handler: handler)
        }
    }
}
