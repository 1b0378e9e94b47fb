import Foundation
import MCP
import StackQ
import StackQEmulator
import StackQTesting
import Testing
@testable import StackQMCP

/// The tools an agent explores and reads with, driven through the SDK's client.
@Suite struct ToolTests {
    @Test(arguments: [(SafetyMode.readOnly, false), (.safe, true), (.fullAccess, true)])
    func runMutationQueryIsOfferedOnlyWhenTheModeAllowsChanges(mode: SafetyMode, offered: Bool) async throws {
        try await MCPSession.with(mode: mode) { session in
            let tools = try await session.client.listTools().tools
            let names = Set(tools.map(\.name))
            #expect(names.isSuperset(of: ["server_info", "list_providers", "list_services", "list_resources", "list_methods",
                                          "describe_resource", "describe_method", "validate_query", "run_select_query",
                                          "show_calls", "auth_status"]))
            #expect(names.contains("run_mutation_query") == offered)
            let select = try #require(tools.first { $0.name == "run_select_query" })
            #expect(select.annotations.readOnlyHint == true)
            #expect(select.inputSchema.objectValue?["required"] == ["sql"])
            if let mutation = tools.first(where: { $0.name == "run_mutation_query" }) {
                #expect(mutation.annotations.readOnlyHint == false)
                #expect(mutation.annotations.destructiveHint == true)
            }
        }
    }

    @Test func serverInfoSaysTheModeAndTheCaps() async throws {
        try await MCPSession.with(mode: .safe) { session in
            let info = try await session.call("server_info").structuredContent?.objectValue
            #expect(info?["mode"] == "safe")
            #expect(info?["maximum_rows"]?.intValue == MCPConfiguration().maximumRows)
        }
    }

    /// The metadata tools, each answering with the registry's rows: (tool, arguments, a column, a value in it).
    @Test(arguments: [
        ("list_providers", [:], "name", "google"),
        ("list_services", ["provider": "google"], "name", "dataproc"),
        ("list_resources", ["service": "google.dataproc", "like": "sess%"], "name", "sessions"),
        ("list_methods", ["resource": "google.dataproc.sessions"], "MethodName", "projects_locations_sessions_list"),
        ("describe_resource", ["resource": "google.dataproc.sessions"], "name", "state"),
        ("describe_method", ["resource": "google.dataproc.sessions", "method": "projects_locations_sessions_list"], "name", "projectsId"),
        ("auth_status", [:], "provider", "google"),
    ] as [(String, [String: Value], String, String)])
    func metadataToolsAnswerFromTheRegistry(tool: String, arguments: [String: Value], column: String, value: String) async throws {
        try await MCPSession.with { session in
            let table = try await session.table(tool, arguments)
            #expect(table.column(column).contains(value), "\(tool): \(table.columns) \(table.rows.prefix(5))")
        }
    }

    @Test func aSelectAnswersWithTypedColumnsRowsAndCalls() async throws {
        try await MCPSession.with { session in
            let result = try await session.call("run_select_query", ["sql": .string(MCPSession.sessionsQuery)])
            #expect(result.isError == false)
            let table = Table(try #require(result.structuredContent?.objectValue))
            #expect(table.columns == ["name", "state"])
            #expect(table.types == ["text", "text"])
            #expect(table.rows.count == 5)
            #expect(table.totalRows == 5)
            #expect(table.truncated == false)
            #expect(table.calls == 1)
            #expect(table.column("name").allSatisfy { $0.hasPrefix("projects/p/locations/us-central1/sessions/") })
            // The text content is the same result as JSON, for clients that read only text.
            let decoded = try JSONDecoder().decode(Value.self, from: Data(result.text.utf8))
            #expect(decoded == result.structuredContent)
        }
    }

    @Test func numbersStayNumbersAndJSONColumnsNest() async throws {
        try await MCPSession.with { session in
            let table = try await session.table("run_select_query", ["sql": "SELECT 1 AS one, 2.5 AS half, json_object('a', 1) AS doc, NULL AS empty"])
            #expect(table.types == ["integer", "real", "json", "null"])
            #expect(table.rows == [[1, 2.5, ["a": 1], nil]])
        }
    }

    @Test func theRowCapCutsTheReplyAndSaysSo() async throws {
        try await MCPSession.with { session in
            let table = try await session.table("run_select_query", ["sql": .string(MCPSession.sessionsQuery), "max_rows": 2])
            #expect(table.rows.count == 2)
            #expect(table.totalRows == 5)
            #expect(table.truncated == true)
            #expect(table.object["note"]?.stringValue?.contains("max_rows") == true)
        }
    }

    @Test func theByteCapCutsTheReplyToo() async throws {
        try await MCPSession.with(configure: { $0.maximumBytes = 300 }) { session in
            let table = try await session.table("run_select_query", ["sql": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT printf('%0100d', i) AS wide FROM n"])
            #expect(table.truncated == true)
            #expect(table.rows.count < 5)
            #expect(table.totalRows == 50)
        }
    }

    /// A bad query is a tool error with stackq's own message, not a protocol error.
    @Test(arguments: [
        ("SELEC name FROM google.dataproc.sessions", "1:1"),
        ("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p'", "locationsId"),
        ("SELECT name FROM google.dataproc.nothing WHERE projectsId = 'p'", "nothing"),
        ("SELECT 1; SELECT 2", "one statement per call"),
    ])
    func aBadQueryIsAToolErrorWithStackqsMessage(sql: String, expected: String) async throws {
        try await MCPSession.with { session in
            let result = try await session.call("run_select_query", ["sql": .string(sql)])
            #expect(result.isError == true)
            #expect(result.text.contains(expected), "\(result.text)")
        }
    }

    @Test func anAPIErrorCarriesGooglesStatusAndShowCallsShowsTheCall() async throws {
        try await MCPSession.with(emulator: { $0.faultRate = 1; $0.faultKinds = [.unavailable] }) { session in
            let result = try await session.call("run_select_query", ["sql": .string(MCPSession.sessionsQuery)])
            #expect(result.isError == true)
            #expect(result.text.contains("503") || result.text.contains("UNAVAILABLE"), "\(result.text)")
            let calls = try await session.table("show_calls")
            #expect(calls.column("method").contains("google.dataproc.sessions.projects_locations_sessions_list"))
        }
    }

    @Test func showCallsShowsTheCallsOfItsOwnConnection() async throws {
        try await MCPSession.with { session in
            _ = try await session.table("run_select_query", ["sql": .string(MCPSession.sessionsQuery)])
            let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
            let other = try await session.server.start(transport: serverSide)
            let client = Client(name: "another agent", version: "1")
            try await client.connect(transport: clientSide)
            let context: RequestContext<CallTool.Result> = try await client.send(CallTool.request(.init(name: "show_calls")))
            let theirs = Table(try #require(try await context.value.structuredContent?.objectValue))
            #expect(theirs.rows.isEmpty)
            #expect(try await session.table("show_calls").rows.count == 1)
            await client.disconnect()
            await other.stop()
        }
    }

    @Test func validateQueryPlansAndSendsNothing() async throws {
        try await MCPSession.with { session in
            let result = try await session.call("validate_query", ["sql": "DELETE FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND sessionsId = 's1'"])
            let object = try #require(result.structuredContent?.objectValue)
            #expect(object["kind"] == "mutation")
            #expect(object["statement"] == "DELETE")
            let plan = Table(try #require(object["plan"]?.objectValue))
            #expect(plan.column("method") == ["projects_locations_sessions_delete"])
            #expect(await session.harness.requests("projects_locations_sessions_delete").isEmpty)
            let select = try #require(try await session.call("validate_query", ["sql": .string(MCPSession.sessionsQuery)]).structuredContent?.objectValue)
            #expect(select["kind"] == "read")
            #expect(await session.harness.requests("projects_locations_sessions_list").isEmpty)
        }
    }

    @Test func anUnknownToolIsAProtocolError() async throws {
        try await MCPSession.with { session in
            await #expect(throws: MCPError.self) { try await session.call("drop_everything") }
        }
    }

    @Test func progressIsSentToACallThatAsksForIt() async throws {
        try await MCPSession.with { session in
            let token = ProgressToken.unique()
            let (messages, continuation) = AsyncStream<String>.makeStream()
            await session.client.onNotification(ProgressNotification.self) { message in
                if message.params.progressToken == token { continuation.yield(message.params.message ?? "") }
            }
            let result = try await session.call("run_select_query", ["sql": .string(MCPSession.sessionsQuery)],
                                                meta: Metadata(progressToken: token))
            #expect(result.isError == false)
            var first: String?
            for await message in messages { first = message; break }
            #expect(first?.hasPrefix("calls ") == true)
        }
    }
}
