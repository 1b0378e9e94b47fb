import Foundation
import Logging
import NIOCore
import PostgresNIO
import Testing
@testable import StackQServer

/// The server driven by postgres-nio: the extended protocol with bind parameters, binary results and types,
/// errors, concurrent connections and SCRAM-SHA-256.
@Suite(.serialized) struct PostgresNIOTests {
    static let logger: Logger = {
        var logger = Logger(label: "postgres-nio.test")
        logger.logLevel = .critical
        return logger
    }()

    static func connect(_ harness: ServerHarness, password: String? = nil) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(host: "127.0.0.1", port: harness.port, username: "ana",
                                                             password: password, database: "stackq", tls: .disable)
        return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
    }

    static func withConnection<T>(password: String? = nil, serverPassword: String? = nil,
                                  _ body: (PostgresConnection, ServerHarness) async throws -> T) async throws -> T {
        try await ServerHarness.with(password: serverPassword) { harness in
            let connection = try await connect(harness, password: password)
            do {
                let value = try await body(connection, harness)
                try await connection.close()
                return value
            } catch {
                try? await connection.close()
                throw error
            }
        }
    }

    @Test func bindParametersActAsAPIParametersAndSQLValues() async throws {
        try await Self.withConnection { connection, _ in
            let project = "p", location = "us-central1", state = "ACTIVE"
            let rows = try await connection.query("""
                SELECT name FROM google.dataproc.sessions
                WHERE projectsId = \(project) AND locationsId = \(location) AND state = \(state) ORDER BY name
                """, logger: Self.logger)
            var names: [String] = []
            for try await name in rows.decode(String.self) { names.append(name) }
            #expect(!names.isEmpty)
            #expect(names.allSatisfy { $0.hasPrefix("projects/p/locations/us-central1/sessions/") })
        }
    }

    @Test func resultsCarryRealTypes() async throws {
        try await Self.withConnection { connection, _ in
            let rows = try await connection.query("SELECT 42 AS i, 2.5 AS f, 'text' AS t, json_object('a', 1) AS j, NULL AS n", logger: Self.logger)
            var seen = 0
            for try await (i, f, t, j, n) in rows.decode((Int64, Double, String, JSONObject, String?).self) {
                #expect(i == 42)
                #expect(f == 2.5)
                #expect(t == "text")
                #expect(j.a == 1)
                #expect(n == nil)
                seen += 1
            }
            #expect(seen == 1)
        }
    }

    @Test func resourceColumnsAreTypedByTheirSchema() async throws {
        try await Self.withConnection { connection, _ in
            let rows = try await connection.query("""
                SELECT name, labels, stateHistory FROM google.dataproc.sessions
                WHERE projectsId = 'p' AND locationsId = 'us-central1' AND name LIKE '%etl-1'
                """, logger: Self.logger)
            var count = 0
            for try await (name, labels, history) in rows.decode((String, Labels, History).self) {
                #expect(name.hasSuffix("etl-1"))
                #expect(labels.team == "data-eng")
                #expect(history.items.first?.state == "CREATING")
                count += 1
            }
            #expect(count == 1)
        }
    }

    @Test func intAndBoolParametersBind() async throws {
        try await Self.withConnection { connection, _ in
            let limit = 2
            let rows = try await connection.query("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' ORDER BY name LIMIT \(limit)", logger: Self.logger)
            var count = 0
            for try await _ in rows.decode(String.self) { count += 1 }
            #expect(count == 2)
            let flag = true
            let answer = try await connection.query("SELECT \(flag) + 1 AS two", logger: Self.logger)
            for try await two in answer.decode(Int64.self) { #expect(two == 2) }
        }
    }

    @Test func anErrorIsReportedAndTheConnectionGoesOn() async throws {
        try await Self.withConnection { connection, _ in
            do {
                _ = try await connection.query("SELECT nme FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'", logger: Self.logger).collect()
                Issue.record("expected an error")
            } catch let error as PSQLError {
                #expect(error.serverInfo?[.sqlState] == "42703")
            }
            let rows = try await connection.query("SELECT 'ok'", logger: Self.logger)
            for try await text in rows.decode(String.self) { #expect(text == "ok") }
        }
    }

    @Test func connectionsRunConcurrentlyOnOneEngine() async throws {
        try await ServerHarness.with { harness in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let connection = try await Self.connect(harness)
                        defer { Task { try? await connection.close() } }
                        let location = index % 2 == 0 ? "us-central1" : "europe-west1"
                        let rows = try await connection.query("SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = \(location)", logger: Self.logger)
                        var count = 0
                        for try await n in rows.decode(Int64.self) { count = Int(n) }
                        return count
                    }
                }
                var counts: [Int] = []
                for try await count in group { counts.append(count) }
                #expect(counts.sorted() == [2, 2, 2, 2, 5, 5, 5, 5])
            }
        }
    }

    @Test func showCallsAnswersForItsOwnConnection() async throws {
        try await ServerHarness.with { harness in
            let first = try await Self.connect(harness)
            let second = try await Self.connect(harness)
            _ = try await first.query("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'", logger: Self.logger).collect()
            _ = try await second.query("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'europe-west1'", logger: Self.logger).collect()
            let calls = try await first.query("SHOW CALLS", logger: Self.logger).collect()
            let text = calls.map { row in row.makeRandomAccess().map { cell in cell.bytes.map { String(buffer: $0) } ?? "" }.joined(separator: " ") }
                .joined(separator: "\n")
            #expect(text.contains("us-central1"), "\(text)")
            #expect(!text.contains("europe-west1"), "\(text)")
            try await first.close()
            try await second.close()
        }
    }

    @Test func scramWithTheRightPassword() async throws {
        try await Self.withConnection(password: "s3cret", serverPassword: "s3cret") { connection, _ in
            let rows = try await connection.query("SELECT 1", logger: Self.logger)
            for try await one in rows.decode(Int64.self) { #expect(one == 1) }
        }
    }

    @Test func scramWithAWrongPasswordFailsWith28P01() async throws {
        try await ServerHarness.with(password: "s3cret") { harness in
            do {
                let connection = try await Self.connect(harness, password: "guess")
                try? await connection.close()
                Issue.record("expected the connection to be refused")
            } catch let error as PSQLError {
                #expect(error.serverInfo?[.sqlState] == "28P01")
            }
        }
    }

    @Test func aMutationAnswersWithItsRows() async throws {
        try await Self.withConnection { connection, _ in
            let rows = try await connection.query("""
                INSERT /*+ AWAIT */ INTO google.dataproc.sessions (projectsId, locationsId, sessionId, data__runtimeConfig)
                SELECT 'p', 'us-central1', 'wire-1', '{"version": "2.2"}'
                RETURNING name
                """, logger: Self.logger)
            var names: [String] = []
            for try await name in rows.decode(String.self) { names.append(name) }
            #expect(names == ["projects/p/locations/us-central1/sessions/wire-1"])
        }
    }
}

/// JSON values decoded by postgres-nio from `json` columns.
struct JSONObject: Decodable, PostgresDecodable { var a: Int }
struct Labels: Decodable, PostgresDecodable { var team: String?; var env: String? }
struct History: Decodable, PostgresDecodable {
    struct Transition: Decodable { var state: String }
    var items: [Transition]
    init(from decoder: any Decoder) throws { items = try [Transition](from: decoder) }
}
