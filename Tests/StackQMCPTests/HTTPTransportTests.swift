import Foundation
import MCP
import StackQ
import StackQTesting
import Testing
@testable import StackQMCP

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `stackq mcp --http`: MCP's streamable HTTP transport, spoken by hand (POST a JSON-RPC message, read the SSE
/// event that answers it).
@Suite struct HTTPTransportTests {
    /// Serves a read-only server on a free loopback port for `body`, with `token` required when set.
    static func withHTTP(token: String? = nil, _ body: @Sendable (URL) async throws -> Void) async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let server = try StackQMCPServer(engineConfiguration: harness.engineConfiguration(), configuration: MCPConfiguration())
            let (urls, continuation) = AsyncStream<URL>.makeStream()
            let serving = Task {
                try await MCPHTTPServer(server: server, host: "127.0.0.1", port: 0, token: token).run { url in
                    continuation.yield(url)
                }
            }
            defer { serving.cancel() }
            var bound: URL?
            for await url in urls { bound = url; break }
            try await body(try #require(bound))
            serving.cancel()
            _ = await serving.result
            try await server.shutdown()
        }
    }

    /// POSTs one JSON-RPC message; returns the status, the session header and the JSON of the first SSE `data:`.
    static func post(_ url: URL, _ message: String, session: String? = nil, token: String? = nil) async throws -> (Int, String?, Value?) {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json, text/event-stream", forHTTPHeaderField: "Accept")
        request.setValue("2025-06-18", forHTTPHeaderField: "MCP-Protocol-Version")
        if let session { request.setValue(session, forHTTPHeaderField: "MCP-Session-Id") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = Data(message.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let text = String(decoding: data, as: UTF8.self)
        let json = text.split(separator: "\n").first { $0.hasPrefix("data:") && $0.count > 6 }
            .flatMap { try? JSONDecoder().decode(Value.self, from: Data($0.dropFirst(5).utf8)) }
            ?? (try? JSONDecoder().decode(Value.self, from: data))
        return (http.statusCode, http.value(forHTTPHeaderField: "MCP-Session-Id"), json)
    }

    static let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}"#

    @Test func aSessionInitialisesAndRunsAQuery() async throws {
        try await HTTPTransportTests.withHTTP { url in
            let (status, session, initialized) = try await HTTPTransportTests.post(url, HTTPTransportTests.initialize)
            #expect(status == 200)
            #expect(initialized?.objectValue?["result"]?.objectValue?["serverInfo"]?.objectValue?["name"] == "stackq")
            let id = try #require(session)
            _ = try await HTTPTransportTests.post(url, #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#, session: id)
            let call = #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"run_select_query","arguments":{"sql":"SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"}}}"#
            let (_, _, answer) = try await HTTPTransportTests.post(url, call, session: id)
            let result = answer?.objectValue?["result"]?.objectValue?["structuredContent"]?.objectValue
            #expect(result?["total_rows"] == 5)
        }
    }

    @Test func aTokenIsRequiredWhenOneIsSet() async throws {
        try await HTTPTransportTests.withHTTP(token: "a-long-enough-token") { url in
            let (refused, _, _) = try await HTTPTransportTests.post(url, HTTPTransportTests.initialize)
            #expect(refused == 401)
            let (wrong, _, _) = try await HTTPTransportTests.post(url, HTTPTransportTests.initialize, token: "a-long-enough-tokeX")
            #expect(wrong == 401)
            let (accepted, session, _) = try await HTTPTransportTests.post(url, HTTPTransportTests.initialize, token: "a-long-enough-token")
            #expect(accepted == 200)
            #expect(session != nil)
        }
    }
}
