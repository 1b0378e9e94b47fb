import ArgumentParser
import Foundation
import StackQ
import StackQCommandLine
import StackQEmulator
import StackQMCP
import Synchronization

/// `stackq mcp`: serve agents over the Model Context Protocol — standard input and output by default, MCP's
/// streamable HTTP with `--http`. Logs and the sandbox's notice go to stderr; stdout carries only MCP.
///
/// A program of its own (`stackq-mcp`, which `stackq mcp` runs in its place): the MCP SDK brings
/// FoundationNetworking and libcurl, which would otherwise be loaded by every `stackq` process (a third of the
/// start-up of a one-statement run).
@main
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stackq mcp",
        abstract: "Serve agents over the Model Context Protocol (MCP).",
        discussion: """
            Agents explore the registry (list_services, list_resources, describe_resource), plan \
            (validate_query), read (run_select_query) and, when --mode allows, change resources \
            (run_mutation_query). Modes: read_only (the default: no changes are offered), safe (the person \
            approves each change's plan through MCP elicitation), full_access.

            A client's configuration:
              {"mcpServers": {"stackq": {"command": "stackq", "args": ["mcp", "--sandbox"]}}}
            """)

    @Option(name: .customLong("mode"), help: "read_only, safe or full_access.")
    var mode: SafetyMode = .readOnly

    @Option(name: .customLong("http"), help: "Serve MCP's streamable HTTP transport at http://HOST:PORT/mcp instead of stdio (loopback only, unless --http-token-env).")
    var http: String?

    @Option(name: .customLong("http-token-env"), help: "The environment variable holding the bearer token every HTTP request must carry.")
    var httpTokenEnvironment: String?

    @Option(name: .customLong("audit-log"), help: "Append every tool call to this file as a JSON line (never rows, never credentials).")
    var auditLog: String?

    @OptionGroup var options: EngineOptions

    static func main() async {
        // First, on the main thread: nothing may take a closed standard output's number.
        StandardStreams.reserveClosedDescriptors()
        await runFromCommandLine(helpCommand: "stackq mcp")
    }

    func validate() throws {
        if let http {
            guard let host = ListenAddress(http)?.host else {
                throw ValidationError("--http takes HOST:PORT, e.g. 127.0.0.1:8765, got '\(http)'")
            }
            if !ListenAddress.isLoopback(host), httpTokenEnvironment == nil {
                throw ValidationError("--http \(http) is not a loopback address: anyone who reaches it could use your credentials; serve on 127.0.0.1, or require a token with --http-token-env VAR")
            }
        } else if httpTokenEnvironment != nil {
            throw ValidationError("--http-token-env needs --http")
        }
    }

    func run() async throws {
        var token: String?
        if let variable = httpTokenEnvironment {
            guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
                throw ValidationError("--http-token-env \(variable): the variable is not set or empty")
            }
            token = value
        }
        var configuration = MCPConfiguration()
        configuration.mode = mode
        if let auditLog { configuration.auditLog = try AuditLog(path: auditLog) }
        let sandbox = try await options.startSandbox()
        configuration.sandboxURL = EngineOptions.sandboxURL.withLock { $0 }?.absoluteString
        let server = try StackQMCPServer(engineConfiguration: try options.makeConfiguration(), configuration: configuration)
        do {
            if let http, let address = ListenAddress(http) {
                let (host, port) = (address.host, address.port)
                let mode = configuration.mode
                try await MCPHTTPServer(server: server, host: host, port: port, token: token).run { url in
                    StandardStreams.writeError("stackq mcp: serving MCP at \(url.absoluteString) (mode \(mode.rawValue))\n")
                }
            } else {
                try await server.serveStandardIO()
            }
        } catch {
            try? await server.shutdown()
            await sandbox?.stop()
            throw error
        }
        try? await server.shutdown()
        await sandbox?.stop()
    }
}

extension SafetyMode: ExpressibleByArgument {}
