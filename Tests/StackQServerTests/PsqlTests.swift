import Foundation
import NIOCore
import NIOPosix
import StackQEmulator
import Synchronization
import Testing
@testable import StackQServer

/// The server driven by psql, the simple protocol: queries, several statements at once, \dt, \d, errors.
@Suite(.serialized) struct PsqlTests {
    static let sessions = "google.dataproc.sessions"
    static let wherePUsCentral = "projectsId = 'p' AND locationsId = 'us-central1'"

    @Test func aQueryAnswersWithItsRows() async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-t", "-c", "SELECT name, state FROM \(Self.sessions) WHERE \(Self.wherePUsCentral) ORDER BY name"], url: harness.url)
            #expect(output.status == 0, "\(output.stderr)")
            let lines = output.stdout.split(separator: "\n")
            #expect(lines.count == 5)
            #expect(lines.contains("projects/p/locations/us-central1/sessions/etl-1|ACTIVE"))
        }
    }

    @Test func severalStatementsInOneQuery() async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-t", "-c", "SELECT 1 AS a; SELECT 'two' AS b; SELECT count(*) FROM \(Self.sessions) WHERE \(Self.wherePUsCentral)"], url: harness.url)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout == "1\ntwo\n5\n")
        }
    }

    @Test func connectTimeQueries() async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-t", "-c", "SELECT version(); SHOW server_version; SELECT current_schema(); SHOW standard_conforming_strings; SHOW transaction_isolation; SET application_name = 'tests'; SHOW application_name; BEGIN; COMMIT"], url: harness.url)
            #expect(output.status == 0, "\(output.stderr)")
            // psql prints the tags of commands without rows (SET, BEGIN, COMMIT) even with -t
            let lines = output.stdout.split(separator: "\n").map(String.init).filter { !["SET", "BEGIN", "COMMIT"].contains($0) }
            #expect(lines[0].hasPrefix("PostgreSQL 15.0 (stackq "))
            #expect(lines[1].hasPrefix("15.0"))
            #expect(Array(lines[2...5]) == ["public", "on", "read committed", "tests"])
        }
    }

    @Test func backslashDtListsResourcesAsTables() async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-t", "-c", "\\dt"], url: harness.url)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("google.dataproc|sessions|table|"))
            #expect(output.stdout.contains("google.aiplatform|notebook_execution_jobs|table|"))
        }
    }

    @Test func backslashDDescribesAResource() async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-c", "\\d \"google.dataproc\".sessions"], url: harness.url)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("Table \"google.dataproc.sessions\""))
            #expect(output.stdout.contains("name|text"))
            #expect(output.stdout.contains("labels|json"))
            #expect(output.stdout.contains("projectsId|text"))
        }
    }

    @Test(arguments: [
        ("SELEC name FROM google.dataproc.sessions", "42601"),
        ("SELECT name FROM google.dataproc.sesions WHERE projectsId = 'p' AND locationsId = 'us-central1'", "42P01"),
        ("SELECT nme FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'", "42703"),
        ("SELECT name FROM google.dataproc.sessions", "22023"),
        ("SELECT * FROM pg_catalog.pg_stat_statements", "42P01"),
    ])
    func errorsCarryTheirSQLSTATEAndTheConnectionGoesOn(sql: String, code: String) async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-t", "-v", "VERBOSITY=verbose", "-c", sql, "-c", "SELECT 'still here'"], url: harness.url)
            #expect(output.stderr.contains("ERROR:  \(code):"), "\(output.stderr)")
            #expect(output.stdout == "still here\n")
        }
    }

    @Test func aSyntaxErrorSaysLineAndColumnAndPointsAtIt() async throws {
        try await ServerHarness.with { harness in
            let output = try await Psql.run(["-A", "-t", "-c", "SELECT name\nFROM google.dataproc.sessions WHERE WHERE"], url: harness.url)
            #expect(output.stderr.contains("syntax error at 2:"), "\(output.stderr)")
            #expect(output.stderr.contains("LINE 2:"), "\(output.stderr)")
        }
    }
}

/// Cancelling and stopping: psql's Ctrl-C (a CancelRequest) and the server stopping under a running statement.
@Suite(.serialized) struct CancelTests {
    static func slowEmulator(_ configuration: inout EmulatorConfiguration) {
        configuration.latency = .seconds(5)
    }

    static func waitForARunningStatement(_ harness: ServerHarness) async throws {
        while harness.server.runningStatementCount == 0 { try await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func aCancelRequestStopsTheStatementWith57014() async throws {
        try await ServerHarness.with(configureEmulator: Self.slowEmulator) { harness in
            async let output = Psql.run(["-A", "-t", "-v", "VERBOSITY=verbose", "-c", "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"],
                                        url: harness.url)
            try await Self.waitForARunningStatement(harness)
            // What psql's Ctrl-C sends: a CancelRequest on a new connection, naming the BackendKeyData.
            let keys = try #require(harness.server.connectionKeys.first)
            try await Self.sendCancelRequest(port: harness.port, processID: keys.processID, secretKey: keys.secretKey)
            let result = try await output
            #expect(result.status != 0)
            #expect(result.stderr.contains("57014"), "\(result.stderr)")
            #expect(result.stderr.contains("canceling statement due to user request"), "\(result.stderr)")
        }
    }

    static func sendCancelRequest(port: Int, processID: Int32, secretKey: Int32) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        var request = ByteBuffer()
        request.writeInteger(Int32(16))
        request.writeInteger(StartupRequest.cancelCode)
        request.writeInteger(processID)
        request.writeInteger(secretKey)
        try await channel.writeAndFlush(request).get()
        try await channel.closeFuture.get()
    }

    @Test func stoppingTheServerEndsConnectionsWithAnError() async throws {
        try await ServerHarness.with(configureEmulator: Self.slowEmulator) { harness in
            async let output = Psql.run(["-A", "-t", "-c", "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"],
                                        url: harness.url)
            try await Self.waitForARunningStatement(harness)
            await harness.server.stop()
            let result = try await output
            #expect(result.status != 0)
            #expect(result.stderr.contains("server is stopping") || result.stderr.contains("canceling statement"), "\(result.stderr)")
        }
    }
}
