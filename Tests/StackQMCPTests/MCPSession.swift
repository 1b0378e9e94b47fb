import Foundation
import MCP
import StackQ
import StackQEmulator
import StackQTesting
@testable import StackQMCP

/// A stackq MCP server on an emulator with the standard data, and an SDK client connected to it in memory: what
/// every test of the server drives.
struct MCPSession {
    let client: Client
    let server: StackQMCPServer
    let harness: EmulatorHarness

    /// What the client answers when the server asks its person (nil: the client declares no elicitation).
    typealias Person = @Sendable (CreateElicitation.Parameters) async throws -> CreateElicitation.Result

    /// Runs `body` with a connected client and stops the server, its engine and the emulator afterwards.
    @discardableResult
    static func with<T>(mode: SafetyMode = .readOnly, person: Person? = nil,
                        configure: (inout MCPConfiguration) -> Void = { _ in },
                        emulator: (inout EmulatorConfiguration) -> Void = { _ in },
                        isolation: isolated (any Actor)? = #isolation,
                        _ body: (MCPSession) async throws -> T) async throws -> T {
        try await EmulatorHarness.with(emulator, seed: .standard) { harness in
            var configuration = MCPConfiguration()
            configuration.mode = mode
            configure(&configuration)
            let server = try StackQMCPServer(engineConfiguration: harness.engineConfiguration(), configuration: configuration)
            let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
            let mcp = try await server.start(transport: serverSide)
            let client = Client(name: "stackq-tests", version: "1",
                                capabilities: person == nil ? .init() : .init(elicitation: .init()))
            if let person { await client.withElicitationHandler(person) }
            func stop() async {
                await client.disconnect()
                await mcp.stop()
                try? await server.shutdown()
            }
            do {
                try await client.connect(transport: clientSide)
                let value = try await body(MCPSession(client: client, server: server, harness: harness))
                await stop()
                return value
            } catch {
                await stop()
                throw error
            }
        }
    }

    /// Calls a tool and returns its whole result (content, structured content, isError).
    func call(_ tool: String, _ arguments: [String: Value] = [:], meta: Metadata? = nil) async throws -> CallTool.Result {
        let context: RequestContext<CallTool.Result> = try await client.send(
            CallTool.request(.init(name: tool, arguments: arguments, meta: meta)))
        return try await context.value
    }

    /// The structured result of a tool call that must succeed.
    func table(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> Table {
        let result = try await call(tool, arguments)
        guard result.isError != true, let structured = result.structuredContent?.objectValue else {
            throw Failure("\(tool) failed: \(result.text)")
        }
        return Table(structured)
    }

    /// `SELECT name, state` of the sessions of project p in us-central1: five rows in the standard data.
    static let sessionsQuery = "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"
}

/// A tool's structured result as tests read it.
struct Table {
    let object: [String: Value]

    init(_ object: [String: Value]) {
        self.object = object
    }

    var columns: [String] { object["columns"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue } ?? [] }
    var types: [String] { object["columns"]?.arrayValue?.compactMap { $0.objectValue?["type"]?.stringValue } ?? [] }
    var rows: [[Value]] { object["rows"]?.arrayValue?.compactMap(\.arrayValue) ?? [] }
    var truncated: Bool? { object["truncated"]?.boolValue }
    var totalRows: Int? { object["total_rows"]?.intValue }
    var calls: Int? { object["calls"]?.intValue }

    /// The text values of column `name`.
    func column(_ name: String) -> [String] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.compactMap { index < $0.count ? $0[index].stringValue : nil }
    }
}

extension CallTool.Result {
    /// The text of its text content, joined.
    var text: String {
        content.compactMap { content -> String? in
            if case .text(let text, _, _) = content { return text }
            return nil
        }.joined(separator: "\n")
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
