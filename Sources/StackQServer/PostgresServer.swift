import Logging
import NIOCore
import NIOPosix
import NIOSSL
import StackQ
import Synchronization

/// The PostgreSQL wire-protocol server of `stackq serve`: psql, drivers and BI tools query stackq as if it were
/// a PostgreSQL database, every connection on one shared ``Engine``.
///
/// ```swift
/// let server = try await PostgresServer.bind(engine: engine, configuration: .init(port: 0))
/// print("listening on \(server.url)")
/// try await server.run()          // until stop()
/// ```
public final class PostgresServer: Sendable {
    /// Where and how the server listens.
    public struct Configuration: Sendable {
        /// The address to listen on; only loopback addresses without a ``password``.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// The password clients must prove with SCRAM-SHA-256 (any user name); nil: no authentication, loopback only.
        public var password: String?
        /// A PEM certificate chain and private key: TLS for clients that ask for it.
        public var tlsCertificatePath: String?
        public var tlsKeyPath: String?
        /// Where the server logs (connections, failures); never credentials.
        public var logger: Logger

        public init(host: String = "127.0.0.1", port: Int = 5466, password: String? = nil,
                    tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil,
                    logger: Logger = Logger(label: "stackq.server")) {
            self.host = host
            self.port = port
            self.password = password
            self.tlsCertificatePath = tlsCertificatePath
            self.tlsKeyPath = tlsKeyPath
            self.logger = logger
        }
    }

    typealias Listener = NIOAsyncChannel<NIOAsyncChannel<FrontendMessage, [BackendMessage]>, Never>

    private let listener: Listener
    private let context: ServerContext
    /// The address the server listens on.
    public let host: String
    /// The port the server listens on (the one picked when 0 was asked for).
    public let port: Int

    /// `postgresql://HOST:PORT/stackq`.
    public var url: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(shownHost):\(port)/stackq"
    }

    private init(listener: Listener, context: ServerContext, host: String, port: Int) {
        self.listener = listener
        self.context = context
        self.host = host
        self.port = port
    }

    /// Starts listening; connections are served once ``run()`` is called.
    /// - Throws: ``ServerError`` for a non-loopback address without a password or an unreadable certificate;
    ///   the socket's error when the address cannot be bound.
    public static func bind(engine: Engine, configuration: Configuration) async throws -> PostgresServer {
        if configuration.password == nil, !ListenAddress.isLoopback(configuration.host) {
            throw ServerError(message: "refusing to listen on \(configuration.host) without a password: clients would reach your cloud credentials unauthenticated; listen on 127.0.0.1 or give --password-env VAR")
        }
        let tls = try makeTLSContext(configuration)
        let credentials = configuration.password.map { SCRAMCredentials(password: $0) }
        let context = try ServerContext(engine: engine, credentials: credentials, logger: configuration.logger)
        let listener: Listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(NegotiationHandler(tls: tls))
                    try pipeline.addHandler(ByteToMessageHandler(FrontendMessageDecoder()))
                    try pipeline.addHandler(MessageToByteHandler(BackendMessageEncoder()))
                    return try NIOAsyncChannel<FrontendMessage, [BackendMessage]>(wrappingChannelSynchronously: channel)
                }
            }
        let port = listener.channel.localAddress?.port ?? configuration.port
        return PostgresServer(listener: listener, context: context, host: configuration.host, port: port)
    }

    /// Serves connections until ``stop()``; each runs in a task of its own.
    public func run() async throws {
        let context = self.context
        try await listener.executeThenClose { inbound in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in inbound {
                    group.addTask { await PostgresServer.serve(connection, context: context) }
                }
            }
        }
    }

    /// Stops listening, cancels running statements and ends every connection with a FATAL 57P01.
    public func stop() async {
        try? await listener.channel.close()
        await withTaskGroup(of: Void.self) { group in
            for entry in context.connections.all() { group.addTask { await entry.shutdown() } }
        }
    }

    /// How many clients are connected (authenticated).
    public var connectionCount: Int { context.connections.count }

    /// The BackendKeyData of every connection (what a CancelRequest must name).
    var connectionKeys: [(processID: Int32, secretKey: Int32)] { context.connections.keys }

    /// How many statements the engine is running for clients now.
    public var runningStatementCount: Int { context.runningStatements.load(ordering: .relaxed) }

    private static func serve(_ channel: NIOAsyncChannel<FrontendMessage, [BackendMessage]>, context: ServerContext) async {
        let underlying = channel.channel
        do {
            try await channel.executeThenClose { inbound, outbound in
                let connection = ServerConnection(context: context, sink: ChannelSink(writer: outbound),
                                                  close: { underlying.close(promise: nil) })
                defer { connection.unregister() }
                do {
                    for try await message in inbound {
                        guard try await connection.handle(message) else { break }
                    }
                } catch let error as ProtocolError {
                    try? await outbound.write([.error(ErrorResponse(severity: .fatal, code: "08P01", message: error.description))])
                }
            }
        } catch {
            context.logger.debug("connection closed: \(error)")
        }
    }

    private static func makeTLSContext(_ configuration: Configuration) throws -> NIOSSLContext? {
        switch (configuration.tlsCertificatePath, configuration.tlsKeyPath) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
                let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain,
                                                                   privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                return try NIOSSLContext(configuration: tls)
            } catch {
                throw ServerError(message: "cannot use the TLS certificate \(certificate) and key \(key): \(error)")
            }
        default:
            throw ServerError(message: "TLS needs both --tls-cert and --tls-key")
        }
    }
}

/// The channel's writer as a ``MessageSink``.
struct ChannelSink: MessageSink {
    let writer: NIOAsyncChannelOutboundWriter<[BackendMessage]>

    func write(_ messages: [BackendMessage]) async throws {
        try await writer.write(messages)
    }
}

/// Why the server cannot start.
public struct ServerError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
