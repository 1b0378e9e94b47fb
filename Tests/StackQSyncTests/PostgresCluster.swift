import Foundation
import Logging
import PostgresNIO
@testable import StackQSync

/// A real PostgreSQL server for the sync tests: `STACKQ_TEST_POSTGRES_URL` (`.ci/run` makes a private cluster —
/// initdb and pg_ctl in a temporary folder, a free loopback port, as `nobody` when run as root — and sets it; the
/// README says how to do the same by hand). Without it the tests are skipped with the reason. Starting a cluster
/// from inside the test process hung Foundation's Process here (the server pg_ctl starts keeps inherited pipes), so
/// the cluster always comes from outside.
enum PostgresCluster {
    /// The server's URL (with the password), or nil with the reason when none was given.
    static let url: Result<String, Unavailable> = {
        guard let given = ProcessInfo.processInfo.environment["STACKQ_TEST_POSTGRES_URL"], !given.isEmpty else {
            return .failure(Unavailable(description: "STACKQ_TEST_POSTGRES_URL is not set (.ci/run starts a private cluster and sets it)"))
        }
        return .success(given)
    }()

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// True when a server is available; the tests are disabled with the reason otherwise.
    static var available: Bool { (try? url.get()) != nil }

    static var unavailableReason: String {
        if case .failure(let reason) = url { return "no PostgreSQL for the sync tests: \(reason)" }
        return ""
    }

    /// The URL's password, which no message may show (nil when the URL has none).
    static var password: String? {
        guard let given = try? url.get(), let parsed = try? PostgresURL(given, environment: [:]) else { return nil }
        return parsed.password.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `body` with a connection to the server (for the tests' own checks), made as `stackq sync` makes its own.
    static func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let configuration = try PostgresURL(url.get()).configuration()
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 9, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The rows of `sql` as text (NULL as nil).
    static func rows(_ sql: String) async throws -> [[String?]] {
        try await withConnection { connection in
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            var result: [[String?]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                result.append(row.map { cell in try? cell.decode(String?.self) ?? nil })
            }
            return result
        }
    }
}
