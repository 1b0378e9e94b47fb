import Foundation
import Hummingbird
import Logging
import MCP
import StackQ

/// `stackq mcp --http HOST:PORT`: MCP's streamable HTTP transport at `/mcp`, served by Hummingbird and fed to the
/// SDK's stateful HTTP server transport; each client that initialises gets a session (an MCP server of its own)
/// on the one engine. With a token, every request must carry `Authorization: Bearer TOKEN`.
public struct MCPHTTPServer: Sendable {
    /// The path MCP is served at.
    public static let path = "/mcp"

    let sessions: Sessions
    let token: String?
    let host: String
    let port: Int

    /// Serves `server` on `host:port` (port 0: a free one); requests need `token` when it is set. Without a token,
    /// only a loopback host is safe (the CLI refuses any other).
    public init(server: StackQMCPServer, host: String, port: Int, token: String?) {
        self.sessions = Sessions(server: server, checksOrigin: ListenAddress.isLoopback(host))
        self.token = token
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled or the process gets SIGINT/SIGTERM; `onListening` is told the URL once
    /// the port is bound.
    public func run(onListening: @escaping @Sendable (URL) async -> Void = { _ in }) async throws {
        let (host, sessions) = (self.host, self.sessions)
        let application = Application(
            responder: Responder(sessions: sessions, token: token),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                let port = channel.localAddress?.port ?? 0
                if let url = URL(string: "http://\(shown):\(port)\(MCPHTTPServer.path)") { await onListening(url) }
            },
            logger: sessions.server.configuration.logger ?? Logger(label: "stackq.mcp.http", factory: { _ in SwiftLogNoOpLogHandler() }))
        defer { Task { await sessions.closeAll() } }
        try await application.runService()
    }

    /// The sessions of the clients that initialised, by `Mcp-Session-Id`.
    actor Sessions {
        let server: StackQMCPServer
        let checksOrigin: Bool
        private var open: [String: (server: MCP.Server, transport: StatefulHTTPServerTransport)] = [:]

        init(server: StackQMCPServer, checksOrigin: Bool) {
            self.server = server
            self.checksOrigin = checksOrigin
        }

        /// Hands `request` to its session's transport, or opens a session for an `initialize`.
        func handle(_ request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
            if let id = request.header(HTTPHeaderName.sessionID), let session = open[id] {
                let response = await session.transport.handleRequest(request)
                if request.method.uppercased() == "DELETE", response.statusCode == 200 {
                    open[id] = nil
                    await session.server.stop()
                }
                return response
            }
            if request.method.uppercased() == "POST", let body = request.body,
               (try? JSONDecoder().decode([String: Value].self, from: body))?["method"] == .string(Initialize.name) {
                return await openSession(for: request)
            }
            if request.header(HTTPHeaderName.sessionID) != nil {
                return .error(statusCode: 404, .invalidRequest("Not Found: no such session (it ended, or the server restarted); initialize again"))
            }
            return .error(statusCode: 400, .invalidRequest("Bad Request: send initialize first, then the \(HTTPHeaderName.sessionID) header it returns"))
        }

        private func openSession(for request: MCP.HTTPRequest) async -> MCP.HTTPResponse {
            let id = UUID().uuidString
            var validators: [any HTTPRequestValidator] = [
                AcceptHeaderValidator(mode: .sseRequired), ContentTypeValidator(), ProtocolVersionValidator(), SessionValidator(),
            ]
            // A loopback server keeps browsers' pages away (DNS rebinding); one on another address has a token.
            if checksOrigin { validators.insert(OriginValidator.localhost(), at: 0) }
            let transport = StatefulHTTPServerTransport(sessionIDGenerator: FixedID(id: id),
                                                        validationPipeline: StandardValidationPipeline(validators: validators),
                                                        logger: server.configuration.logger)
            do {
                let mcp = try await server.start(transport: transport)
                let response = await transport.handleRequest(request)
                if case .error = response {
                    await mcp.stop()
                } else {
                    open[id] = (mcp, transport)
                }
                return response
            } catch {
                await transport.disconnect()
                return .error(statusCode: 500, .internalError("cannot open an MCP session: \(error)"))
            }
        }

        func closeAll() async {
            for session in open.values { await session.server.stop() }
            open = [:]
        }
    }

    private struct FixedID: SessionIDGenerator {
        let id: String
        func generateSessionID() -> String { id }
    }

    /// Turns Hummingbird's requests into the SDK's and its responses back, SSE streams included.
    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        static let maximumBodySize = 16 * 1024 * 1024

        let sessions: Sessions
        let token: String?

        func respond(to request: Request, context: Context) async throws -> Response {
            guard request.uri.path == MCPHTTPServer.path else {
                return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "stackq serves MCP at \(MCPHTTPServer.path)\n")))
            }
            if let token, !Responder.authorizes(request.headers[.authorization], token: token) {
                return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                                body: .init(byteBuffer: ByteBuffer(string: "this MCP server needs Authorization: Bearer <token>\n")))
            }
            var request = request
            let buffer = try await request.collectBody(upTo: Responder.maximumBodySize)
            var headers: [String: String] = [:]
            for field in request.headers {
                let name = field.name.canonicalName
                headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
            }
            let mcpRequest = MCP.HTTPRequest(method: request.method.rawValue, headers: headers,
                                             body: buffer.readableBytes > 0 ? Data(buffer.readableBytesView) : nil,
                                             path: request.uri.path)
            let answer = await sessions.handle(mcpRequest)
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let name = HTTPFields.Element.Name(name) { fields.append(HTTPFields.Element(name: name, value: value)) }
            }
            if case .stream(let stream, _) = answer {
                return Response(status: .init(code: answer.statusCode), headers: fields, body: ResponseBody { writer in
                    for try await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
                    try await writer.finish(nil)
                })
            }
            return Response(status: .init(code: answer.statusCode), headers: fields,
                            body: answer.bodyData.map { .init(byteBuffer: ByteBuffer(bytes: $0)) } ?? .init())
        }

        /// True when `header` is `Bearer TOKEN` (compared in time independent of where they differ).
        static func authorizes(_ header: String?, token: String) -> Bool {
            guard let header, header.hasPrefix("Bearer ") else { return false }
            let given = Array(header.dropFirst("Bearer ".count).utf8)
            let expected = Array(token.utf8)
            guard given.count == expected.count else { return false }
            return zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }
}
