import Foundation
import Logging
import StackQ
import StackQEmulator
import StackQSync
import StackQTesting
import Testing

/// `stackq sync` against a real PostgreSQL server (see ``PostgresCluster``): types, jsonb, snapshots that survive a
/// failed or cancelled sync, shards that fill one table.
@Suite(.enabled(if: PostgresCluster.available, Comment(rawValue: PostgresCluster.unavailableReason)), .serialized)
struct SyncTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let sessions = "FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"

    static func table(_ base: String) -> String { "\(base)_\(UInt32.random(in: 1...999_999))" }

    static func sync(_ sql: String, into table: String, harness: EmulatorHarness,
                     configure: (inout EngineConfiguration) -> Void = { _ in }) async throws -> PostgresSync.Report {
        try await harness.withEngine(configure: configure) { engine in
            try await PostgresSync(engine: engine, url: PostgresURL(try PostgresCluster.url.get()), table: table,
                                   logger: logger).run(sql)
        }
    }

    @Test func columnsAreTypedAndObjectsAreJSONB() async throws {
        let table = Self.table("types")
        try await EmulatorHarness.with(seed: .standard) { harness in
            let report = try await Self.sync("SELECT name, state, labels, runtimeConfig, createTime, 1 AS one, 2.5 AS half, 'it''s\ta\nline\\' AS odd \(Self.sessions)",
                                             into: table, harness: harness)
            #expect(report.rows == 5)
            let types = try await PostgresCluster.rows("SELECT column_name::text, data_type::text FROM information_schema.columns WHERE table_name = '\(table)' ORDER BY ordinal_position")
            #expect(types == [["name", "text"], ["state", "text"], ["labels", "jsonb"], ["runtimeConfig", "jsonb"],
                              ["createTime", "timestamp with time zone"], ["one", "bigint"], ["half", "double precision"], ["odd", "text"],
                              ["_stackq_synced_at", "timestamp with time zone"]])
            let checks = try await PostgresCluster.rows("""
                SELECT count(*)::text, count(DISTINCT _stackq_synced_at)::text, sum(one)::text, min(half)::text,
                       count(*) FILTER (WHERE jsonb_typeof(labels) = 'object')::text, min(odd),
                       count(*) FILTER (WHERE "createTime" < now() AND "createTime" > '2000-01-01')::text
                FROM "\(table)"
                """)
            #expect(checks == [["5", "1", "5", "2.5", "5", "it's\ta\nline\\", "5"]])
        }
    }

    @Test func aFailedResyncLeavesThePreviousSnapshot() async throws {
        let table = Self.table("snapshot")
        try await EmulatorHarness.with(seed: .standard) { harness in
            _ = try await Self.sync("SELECT name, state \(Self.sessions)", into: table, harness: harness)
        }
        let before = try await PostgresCluster.rows("SELECT name, _stackq_synced_at::text FROM \"\(table)\" ORDER BY name")
        #expect(before.count == 5)
        let failure = try await EmulatorHarness.with({ $0.deniedProjects = ["p"] }, seed: .standard) { harness in
            await #expect(throws: (any Error).self) {
                _ = try await Self.sync("SELECT name, state \(Self.sessions)", into: table, harness: harness)
            }
        }
        // The API's own refusal, not some other failure on the way.
        #expect(failure.map { "\($0)" }?.contains("PERMISSION_DENIED") == true, "\(String(describing: failure))")
        #expect(try await PostgresCluster.rows("SELECT name, _stackq_synced_at::text FROM \"\(table)\" ORDER BY name") == before)
        // A statement whose rows do not fit the table's columns (a new shape) fails nothing either: the table is made anew.
        try await EmulatorHarness.with(seed: .standard) { harness in
            let report = try await Self.sync("SELECT name \(Self.sessions) LIMIT 2", into: table, harness: harness)
            #expect(report.rows == 2)
        }
        #expect(try await PostgresCluster.rows("SELECT count(*)::text FROM \"\(table)\"") == [["2"]])
    }

    @Test func twoShardsFillOneTableWithNoRowTwice() async throws {
        let table = Self.table("shards")
        let projects = (0..<20).map { $0 == 0 ? "'demo'" : "'demo-\($0 + 1)'" }.joined(separator: ", ")
        let sql = "SELECT name, projectsId FROM google.dataproc.sessions WHERE projectsId IN (\(projects)) AND locationsId = 'us-central1'"
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 60, projects: 20, locations: 1)) { harness in
            async let first = Self.sync(sql, into: table, harness: harness) { $0.shard = try! FanOutShard(index: 1, count: 2) }
            async let second = Self.sync(sql, into: table, harness: harness) { $0.shard = try! FanOutShard(index: 2, count: 2) }
            let (one, two) = try await (first, second)
            #expect(one.rows + two.rows == 60)
            #expect(one.rows > 0 && two.rows > 0)
            #expect(one.calls.count + two.calls.count == 20)
            let counts = try await PostgresCluster.rows("SELECT count(*)::text, count(DISTINCT name)::text, count(DISTINCT _stackq_shard)::text FROM \"\(table)\"")
            #expect(counts == [["60", "60", "2"]])
            // A shard synced again replaces only its own rows.
            let again = try await Self.sync(sql, into: table, harness: harness) { $0.shard = try! FanOutShard(index: 1, count: 2) }
            #expect(again.rows == one.rows)
            #expect(try await PostgresCluster.rows("SELECT count(*)::text, count(DISTINCT name)::text FROM \"\(table)\"") == [["60", "60"]])
            // No project is in both shards.
            let split = try await PostgresCluster.rows("SELECT count(*)::text FROM (SELECT \"projectsId\" FROM \"\(table)\" GROUP BY 1 HAVING count(DISTINCT _stackq_shard) > 1) AS both_")
            #expect(split == [["0"]])
        }
    }

    /// `stackq sync` interrupted by SIGINT while its call is in flight: exit 1, the table as it was, nothing left behind.
    @Test(.timeLimit(.minutes(2)))
    func aSyncCancelledBySIGINTLeavesTheTableAsItWas() async throws {
        let table = Self.table("sigint")
        try await EmulatorHarness.with(seed: .standard) { harness in
            _ = try await Self.sync("SELECT name \(Self.sessions)", into: table, harness: harness)
        }
        let before = try await PostgresCluster.rows("SELECT name, _stackq_synced_at::text FROM \"\(table)\" ORDER BY name")
        let marker = "stackq-sigint-\(UInt32.random(in: 1...999_999))"
        // Every request waits an hour at this emulator.
        try await EmulatorHarness.with({ $0.latency = .seconds(3600) }, seed: .standard) { harness in
            let process = Process()
            process.executableURL = SyncTests.executable
            process.arguments = ["sync", "--to", try PostgresCluster.url.get() + "&application_name=\(marker)", "--table", table,
                                 "--endpoint", "google=\(harness.baseURL.absoluteString)",
                                 "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"SYNC_TOKEN"}}"#,
                                 "-e", "SELECT name \(Self.sessions)"]
            process.environment = ["SYNC_TOKEN": EmulatorHarness.token, "PATH": "/usr/bin:/bin",
                                   "XDG_CACHE_HOME": FileManager.default.temporaryDirectory.path]
            // stderr to a file and the exit awaited, not read from a pipe: a blocking read would hold one of the
            // few threads every other test needs, and any child started meanwhile could keep the pipe open.
            let errors = FileManager.default.temporaryDirectory.appendingPathComponent("\(marker).err")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: errors) }
            process.standardError = try FileHandle(forWritingTo: errors)
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            let exited = AsyncStream<Int32> { continuation in
                process.terminationHandler = {
                    continuation.yield($0.terminationStatus)
                    continuation.finish()
                }
            }
            try process.run()
            // The sync has connected to PostgreSQL (its first step; its Ctrl-C handler is in place by then) and its
            // call waits at the emulator. A sync that ended instead fails the test with what it said.
            while try await PostgresCluster.rows("SELECT count(*)::text FROM pg_stat_activity WHERE application_name = '\(marker)'") == [["0"]] {
                guard process.isRunning else {
                    Issue.record("the sync ended before it connected: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            kill(process.processIdentifier, SIGINT)
            var status: Int32?
            for await code in exited { status = code }
            let stderr = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            #expect(status == 1)
            #expect(stderr.contains("sync cancelled"), "\(stderr)")
            if let password = PostgresCluster.password { #expect(!stderr.contains(password)) }
        }
        #expect(try await PostgresCluster.rows("SELECT name, _stackq_synced_at::text FROM \"\(table)\" ORDER BY name") == before)
        // Its session is gone: nothing idle in a transaction, no staging table held.
        #expect(try await PostgresCluster.rows("SELECT count(*)::text FROM pg_stat_activity WHERE application_name = '\(marker)'") == [["0"]])
    }

    static var executable: URL {
        var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("stackq").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("stackq")
    }
}
