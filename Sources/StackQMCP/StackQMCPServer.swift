import Foundation
import Logging
import MCP
import StackQ
import StackQSyntax
import Synchronization

/// The MCP server of `stackq mcp`: agents explore the registry, plan and run queries, and — when the
/// ``SafetyMode`` allows, with a person's approval in ``SafetyMode/safe`` — change cloud resources, through the
/// tools of ``ToolCatalog``, the providers as resources and a prompt that teaches the dialect.
///
/// One instance owns one ``Engine`` and serves any number of connections (``start(transport:)``, one MCP `Server`
/// each); their statements run one at a time on the engine.
///
/// ```swift
/// let server = try StackQMCPServer(engineConfiguration: EngineConfiguration(), configuration: MCPConfiguration())
/// try await server.serveStandardIO()      // until the client closes standard input
/// try await server.shutdown()
/// ```
public final class StackQMCPServer: Sendable {
    /// The engine every connection's statements run on.
    public let engine: Engine
    /// The mode, caps and audit log.
    public let configuration: MCPConfiguration
    let gate = StatementGate()
    let relay: ProgressRelay
    /// `--var` values, substituted before a statement is classified as the engine substitutes them before it runs.
    let variables: [String: String]

    /// Creates the engine of `engineConfiguration`, whose observer becomes the server's (progress goes to the
    /// agents that ask for it).
    /// - Throws: what ``Engine/init(configuration:)`` throws.
    public init(engineConfiguration: EngineConfiguration, configuration: MCPConfiguration) throws {
        var engineConfiguration = engineConfiguration
        let relay = ProgressRelay()
        engineConfiguration.observer = relay
        self.relay = relay
        self.variables = engineConfiguration.variables
        self.engine = try Engine(configuration: engineConfiguration)
        self.configuration = configuration
    }

    /// Starts serving one connection on `transport` and returns its MCP server (stop it with `Server.stop()`).
    @discardableResult
    public func start(transport: any Transport) async throws -> MCP.Server {
        let connection = Connection()
        let server = MCP.Server(name: "stackq", version: StackQVersion.current, title: "stackq",
                            instructions: Guide.instructions(mode: configuration.mode),
                            capabilities: .init(prompts: .init(listChanged: false),
                                                resources: .init(subscribe: false, listChanged: false),
                                                tools: .init(listChanged: false)))
        await register(on: server, connection: connection)
        try await server.start(transport: transport) { _, capabilities in
            connection.capabilities.withLock { $0 = capabilities }
        }
        return server
    }

    /// Serves one client on standard input and output until it closes them.
    public func serveStandardIO() async throws {
        let server = try await start(transport: StdioTransport(logger: configuration.logger))
        await server.waitUntilCompleted()
        await server.stop()
    }

    /// Shuts the engine down (its HTTP connection pool).
    public func shutdown() async throws {
        try await engine.shutdown()
    }

    /// What the server knows of one client.
    final class Connection: Sendable {
        /// What the client said it can do when it initialised (elicitation, …).
        let capabilities = Mutex<Client.Capabilities?>(nil)
        /// The client's statements, so that `show_calls` shows its own last calls whatever other clients run.
        let session = EngineSession()

        /// True when the client can ask its person a question (form elicitation).
        var canElicit: Bool { capabilities.withLock { $0?.elicitation?.form != nil } }
    }

    private func register(on server: MCP.Server, connection: Connection) async {
        let mode = configuration.mode
        let configuration = self.configuration
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: ToolCatalog.tools(for: mode, configuration: configuration))
        }
        await server.withMethodHandler(CallTool.self) { [weak server, self] parameters in
            guard let server else { throw MCPError.internalError("the connection is closed") }
            return try await self.call(parameters, server: server, connection: connection)
        }
        await server.withMethodHandler(ListResources.self) { [self] _ in
            try await self.listResources()
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: ProviderResources.templates)
        }
        await server.withMethodHandler(ReadResource.self) { [self] parameters in
            try await self.readResource(parameters.uri)
        }
        await server.withMethodHandler(ListPrompts.self) { _ in
            ListPrompts.Result(prompts: [Guide.prompt])
        }
        await server.withMethodHandler(GetPrompt.self) { parameters in
            try Guide.get(parameters, mode: mode)
        }
    }
}
