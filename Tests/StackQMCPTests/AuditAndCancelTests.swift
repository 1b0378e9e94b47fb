import Foundation
import MCP
import StackQ
import StackQTesting
import Testing
@testable import StackQMCP

/// The audit log's lines, and a client's cancel.
@Suite struct AuditAndCancelTests {
    /// A fresh audit log in a temporary folder, and a way to read its lines back as objects.
    struct Log {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-mcp-audit-\(UUID().uuidString).jsonl").path

        func open() throws -> AuditLog { try AuditLog(path: path) }

        var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

        var lines: [[String: Value]] {
            get throws {
                try text.split(separator: "\n").map { line in
                    try #require(try JSONDecoder().decode(Value.self, from: Data(line.utf8)).objectValue)
                }
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func everyToolCallIsOneLineWithoutRowsOrCredentials() async throws {
        let log = Log()
        defer { log.remove() }
        let audit = try log.open()
        try await MCPSession.with(mode: .safe, person: { _ in .init(action: .decline) }, configure: { $0.auditLog = audit }) { session in
            _ = try await session.call("run_select_query", ["sql": .string(MCPSession.sessionsQuery)])
            _ = try await session.call("run_select_query", ["sql": "SELEC 1"])
            _ = try await session.call("run_select_query", ["sql": .string(SafetyTests.delete)])
            _ = try await session.call("run_mutation_query", ["sql": .string(SafetyTests.delete)])
            _ = try await session.call("list_services", ["provider": "google"])
            _ = try await session.call("run_select_query", ["sql": "SELECT 'Authorization: Bearer ya29.secret-looking-token' AS header"])
        }
        let lines = try log.lines
        #expect(lines.map { $0["tool"]?.stringValue } == ["run_select_query", "run_select_query", "run_select_query",
                                                          "run_mutation_query", "list_services", "run_select_query"])
        #expect(lines.map { $0["outcome"]?.stringValue } == ["ok", "error", "refused", "declined", "ok", "ok"])
        #expect(lines[0]["sql"]?.stringValue == MCPSession.sessionsQuery)
        #expect(lines[0]["calls"] == 1)
        #expect(lines[0]["rows"] == 5)
        #expect(lines[0]["mode"] == "safe")
        #expect(lines[1]["error"]?.stringValue?.contains("1:1") == true)
        #expect(lines[3]["approval"] == "declined")
        #expect(lines[4]["arguments"] == ["provider": "google"])
        for line in lines { #expect(line["time"]?.stringValue?.hasSuffix("Z") == true) }
        // Never a row, never a credential.
        #expect(!log.text.contains("sessions/etl-2"))
        #expect(!log.text.contains("ya29.secret-looking-token"))
        #expect(!log.text.contains("test-token"))
    }

    @Test(.timeLimit(.minutes(2))) func aCancelledCallStopsItsStatementAndIsRecorded() async throws {
        let log = Log()
        defer { log.remove() }
        let audit = try log.open()
        try await MCPSession.with(configure: { $0.auditLog = audit }) { session in
            // Minutes of work for SQLite: only the cancel ends it soon.
            let long = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"
            let context: RequestContext<CallTool.Result> = try await session.client.send(
                CallTool.request(.init(name: "run_select_query", arguments: ["sql": .string(long)])))
            try await Task.sleep(for: .milliseconds(500))
            try await session.client.cancelRequest(context.requestID, reason: "the person pressed stop")
            await #expect(throws: CancellationError.self) { try await context.value }
            // The next statement runs once the cancelled one has stopped (statements take turns).
            let next = try await session.table("run_select_query", ["sql": "SELECT 1 AS one"])
            #expect(next.rows == [[1]])
        }
        let lines = try log.lines
        #expect(lines.map { $0["outcome"]?.stringValue } == ["cancelled", "ok"])
    }
}
