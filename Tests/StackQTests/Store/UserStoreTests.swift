import Foundation
import StackQ
import StackQEmulator
import StackQTesting
import Testing
@testable import StackQ

/// `--db`, the user's tables and views, and materialized views, against the emulator (requests counted).
@Suite struct UserStoreTests {
    static let parent = "projectsId = 'p' AND locationsId = 'us-central1'"

    /// A fresh path in a fresh folder, removed afterwards.
    static func withFile<T>(_ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder.appendingPathComponent("stackq.db").path)
    }

    static func rows(_ sql: String, _ engine: Engine) async throws -> [[String?]] {
        try await engine.execute(sql).last.map { $0.rows.map { $0.map(\.textValue) } } ?? []
    }

    static func listCalls(_ harness: EmulatorHarness) async -> Int {
        await harness.requests("projects_locations_sessions_list")["200"] ?? 0
    }

    /// An engine that reads the store at `path` with no credentials and no endpoint: it can only reach SQLite.
    static func offlineEngine(_ path: String) throws -> Engine {
        var configuration = EngineConfiguration(registryPath: EmulatorHarness.providers.path, environment: [:])
        configuration.registryCacheDirectory = nil
        configuration.databasePath = path
        return try Engine(configuration: configuration)
    }

    @Test func theFileIsMadeWithMode0600InWALMode() async throws {
        try await Self.withFile { path in
            let engine = try Self.offlineEngine(path)
            _ = try await engine.execute("CREATE TABLE t (a)")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect(try await engine.database.query("PRAGMA store.journal_mode").rows == [[.text("wal")]])
            try await engine.shutdown()
        }
    }

    @Test func aFileFromANewerStackqIsRefused() async throws {
        try await Self.withFile { path in
            let engine = try Self.offlineEngine(path)
            try await engine.database.execute("PRAGMA store.user_version = 99")
            try await engine.shutdown()
            #expect {
                _ = try Self.offlineEngine(path)
            } throws: { error in
                "\(error)".contains("written by a newer stackq") && "\(error)".contains(path)
            }
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() async throws {
        try await Self.withFile { path in
            try Data("hello, this is text and not a database at all".utf8).write(to: URL(fileURLWithPath: path))
            #expect { _ = try Self.offlineEngine(path) } throws: { "\($0)".contains("not a SQLite database") }
        }
    }

    @Test func tablesAreCreatedFilledFromResourcesAndDropped() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine { engine in
                _ = try await engine.execute("CREATE TABLE notes (id INTEGER, text TEXT)")
                _ = try await engine.execute("INSERT INTO notes VALUES (1, 'a'), (2, 'b')")
                let inserted = try await engine.execute("INSERT INTO notes (id, text) SELECT 3, name FROM google.dataproc.sessions WHERE \(Self.parent) AND state = 'ACTIVE'")
                #expect(inserted[0].message?.hasPrefix("2 rows inserted") == true)
                #expect(try await Self.rows("SELECT count(*) FROM notes", engine) == [["4"]])
                _ = try await engine.execute("DELETE FROM notes WHERE id = 3")
                #expect(try await Self.rows("SELECT id, text FROM notes ORDER BY id", engine) == [["1", "a"], ["2", "b"]])

                _ = try await engine.execute("CREATE TABLE snap AS SELECT name, state FROM google.dataproc.sessions WHERE \(Self.parent)")
                #expect(try await Self.rows("SELECT count(*) FROM snap", engine) == [["5"]])
                #expect(try await Self.rows("SHOW TABLES", engine) == [["notes", "2"], ["snap", "5"]])
                #expect(try await Self.rows("DESCRIBE notes", engine) == [["id", "INTEGER"], ["text", "TEXT"]])

                _ = try await engine.execute("DROP TABLE snap")
                #expect(try await Self.rows("SHOW TABLES", engine) == [["notes", "2"]])
                await #expect(throws: PlanError.self) { _ = try await engine.execute("DROP VIEW notes") }
                await #expect(throws: PlanError.self) { _ = try await engine.execute("CREATE TABLE notes (x)") }
                #expect(try await engine.execute("CREATE TABLE IF NOT EXISTS notes (x)")[0].message == "table notes exists already")
            }
        }
    }

    @Test(arguments: ["CREATE VIEW google.dataproc.sessions AS SELECT 1", "CREATE TABLE google.dataproc.sessions (a)",
                      "CREATE MATERIALIZED VIEW google.dataproc.sessions AS SELECT 1"])
    func aNameThatShadowsAResourceIsRefused(_ sql: String) async throws {
        try await Self.withFile { path in
            let engine = try Self.offlineEngine(path)
            await #expect { _ = try await engine.execute(sql) } throws: { error in
                (error as? PlanError)?.message.contains("is a resource") == true
            }
            try await engine.shutdown()
        }
    }

    @Test func aViewBindsParametersFromTheOuterWhere() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine { engine in
                _ = try await engine.execute("CREATE VIEW sess AS SELECT name, state FROM google.dataproc.sessions")
                // The view outputs neither parameter: the outer conditions reach its resource, and only there.
                let rows = try await Self.rows("SELECT name FROM sess WHERE \(Self.parent) AND state = 'ACTIVE' ORDER BY name", engine)
                #expect(rows.count == 2)
                #expect(await Self.listCalls(harness) == 1)
                let plan = try await Self.rows("EXPLAIN SELECT name FROM sess WHERE \(Self.parent)", engine)
                #expect(plan[0][3] == "projectsId = 'p', locationsId = 'us-central1'")

                // A view over the view: the binding goes down two levels.
                _ = try await engine.execute("CREATE VIEW active AS SELECT name FROM sess WHERE state = 'ACTIVE'")
                #expect(try await Self.rows("SELECT count(*) FROM active WHERE \(Self.parent)", engine) == [["2"]])

                // A view that fixes a parameter keeps it: the outer condition only filters.
                _ = try await engine.execute("CREATE VIEW fixed AS SELECT name, projectsId FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'")
                #expect(try await Self.rows("SELECT count(*) FROM fixed WHERE projectsId = 'other'", engine) == [["0"]])
                #expect(try await Self.rows("SELECT name FROM sess WHERE \(Self.parent) AND 1 = 0", engine).isEmpty)

                #expect(try await Self.rows("SHOW VIEWS", engine).map { [$0[0], $0[1]] } == [["active", "false"], ["fixed", "false"], ["sess", "false"]])
                #expect(try await Self.rows("DESCRIBE sess", engine) == [["name", "string"], ["state", "string"]])
                await #expect(throws: PlanError.self) { _ = try await engine.execute("CREATE VIEW sess AS SELECT 1") }
                _ = try await engine.execute("CREATE OR REPLACE VIEW sess AS SELECT 1 AS one")
                #expect(try await Self.rows("SELECT * FROM sess", engine) == [["1"]])
            }
        }
    }

    @Test func viewsNestedTooDeeplyOrInACircleAreRefused() async throws {
        try await Self.withFile { path in
            let engine = try Self.offlineEngine(path)
            _ = try await engine.execute("CREATE VIEW a AS SELECT * FROM b")
            await #expect { _ = try await engine.execute("CREATE VIEW b AS SELECT * FROM a") } throws: { error in
                (error as? PlanError)?.message.contains("nested more than") == true
            }
            try await engine.shutdown()
        }
    }

    @Test func aMaterializedViewIsReadByAnotherEngineWithNoCredentialsAndAFailedRefreshKeepsItsRows() async throws {
        try await Self.withFile { path in
            let stopped = try await EmulatorHarness.with(seed: .standard) { harness in
                try await harness.withEngine(configure: { $0.databasePath = path }) { engine in
                    let created = try await engine.execute("CREATE MATERIALIZED VIEW mv AS SELECT name, state FROM google.dataproc.sessions WHERE \(Self.parent)")
                    #expect(created[0].message == "materialized view mv created with 5 rows")
                    #expect(await Self.listCalls(harness) == 1)
                    _ = try await engine.execute("REFRESH MATERIALIZED VIEW mv")
                    #expect(await Self.listCalls(harness) == 2)
                    await #expect(throws: PlanError.self) { _ = try await engine.execute("INSERT INTO mv VALUES ('x', 'y')") }
                }
                return harness.engineConfiguration()
            }
            // No credentials, no network: the rows are in the file.
            let offline = try Self.offlineEngine(path)
            #expect(try await Self.rows("SELECT count(*) FROM mv", offline) == [["5"]])
            let views = try await Self.rows("SHOW VIEWS", offline)
            #expect(views.first?[0] == "mv" && views.first?[1] == "true" && views.first?[4] == "5")
            try await offline.shutdown()

            // The emulator is gone: the refresh fails, and the old rows stay.
            var configuration = stopped
            configuration.databasePath = path
            configuration.retry = RetryPolicy(maximumAttempts: 1)
            try await Engine.withEngine(configuration) { engine in
                await #expect(throws: (any Error).self) { _ = try await engine.execute("REFRESH MATERIALIZED VIEW mv") }
                #expect(try await Self.rows("SELECT count(*) FROM mv", engine) == [["5"]])
                _ = try await engine.execute("DROP MATERIALIZED VIEW mv")
                #expect(try await Self.rows("SHOW VIEWS", engine).isEmpty)
            }
        }
    }
}
