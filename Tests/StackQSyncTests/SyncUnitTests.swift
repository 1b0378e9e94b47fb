import NIOCore
import StackQ
@testable import StackQSync
import PostgresNIO
import Testing

/// The parts of a sync that need no server: the URL as libpq reads it, shards, column types, COPY text.
@Suite struct SyncUnitTests {
    @Test func theURLTakesThePasswordFromItselfOrPGPASSWORDAndNeverShowsIt() throws {
        let given = try PostgresURL("postgresql://inv:s%40cret@db.example.com:6432/inventory?sslmode=verify-full", environment: [:])
        #expect(given.password == "s@cret")
        #expect(given.description == "postgresql://inv@db.example.com:6432/inventory?sslmode=verify-full")
        #expect(given.sslMode == .verifyFull)
        let fromEnvironment = try PostgresURL("postgres://db/", environment: ["PGPASSWORD": "env-pass", "PGUSER": "u"])
        #expect(fromEnvironment.password == "env-pass")
        #expect(fromEnvironment.user == "u")
        #expect(fromEnvironment.database == "u")
        #expect(fromEnvironment.port == 5432)
        #expect(fromEnvironment.sslMode == .prefer)
        #expect(!fromEnvironment.description.contains("env-pass"))
    }

    /// The session is named in the server's pg_stat_activity (`stackq sync`, or the URL's application_name), and
    /// connect_timeout bounds the connection's start, as libpq reads them.
    @Test func applicationNameAndConnectTimeoutAreReadAsLibpqDoes() throws {
        let plain = try PostgresURL("postgresql://db/x", environment: [:])
        #expect(plain.applicationName == "stackq sync")
        #expect(try plain.configuration().options.additionalStartupParameters.map { "\($0.0)=\($0.1)" } == ["application_name=stackq sync"])
        let named = try PostgresURL("postgresql://db/x?application_name=inventory%20cron&connect_timeout=3", environment: [:])
        #expect(named.applicationName == "inventory cron")
        #expect(try named.configuration().options.connectTimeout == .seconds(3))
    }

    @Test(arguments: ["mysql://x", "postgresql://db/x?sslmode=sometimes", "postgresql://db/x?options=-c", "postgresql://db:99999/x", "postgresql://db/x?connect_timeout=0"])
    func aBadURLIsRefusedWithoutThePassword(_ text: String) {
        #expect(throws: SyncError.self) { try PostgresURL(text, environment: [:]) }
    }

    @Test func everyCallIsInExactlyOneShard() throws {
        let shards = try (1...3).map { try FanOutShard(index: $0, count: 3) }
        var counts = [0, 0, 0]
        for project in 0..<300 {
            let parameters = ["projectsId": "demo-\(project)", "locationsId": "us-central1"]
            let owners = shards.indices.filter { shards[$0].contains(parameters) }
            #expect(owners.count == 1)
            counts[owners[0]] += 1
        }
        #expect(counts.allSatisfy { $0 > 50 }, "\(counts)")
        #expect(try FanOutShard(parsing: "2/3") == shards[1])
        #expect(throws: FanOutShard.Invalid.self) { try FanOutShard(parsing: "4/3") }
        #expect(throws: FanOutShard.Invalid.self) { try FanOutShard(parsing: "0/3") }
        #expect(throws: FanOutShard.Invalid.self) { try FanOutShard(parsing: "x") }
    }

    @Test func declaredTypesAndValuesGiveThePostgreSQLTypes() {
        let columns = [ResultSet.Column(name: "n", declaredType: "INTEGER"), ResultSet.Column(name: "b", declaredType: "BOOLEAN"),
                       ResultSet.Column(name: "r", declaredType: "REAL"), ResultSet.Column(name: "o", isJSON: true, declaredType: "JSON_TEXT"),
                       ResultSet.Column(name: "e"), ResultSet.Column(name: "f"), ResultSet.Column(name: "n")]
        let made = SyncColumn.columns(for: columns, firstRows: [[.integer(1), .integer(1), .real(1), .text("{}"), .integer(3), .real(0.5), .null]])
        #expect(made.map(\.type) == [.bigint, .boolean, .doublePrecision, .jsonb, .bigint, .doublePrecision, .text])
        #expect(made.map(\.name) == ["n", "b", "r", "o", "e", "f", "n_2"])
    }

    @Test func copyTextEscapesWhatCOPYReads() {
        var buffer = ByteBuffer()
        let columns = [SyncColumn(name: "t", type: .text), SyncColumn(name: "b", type: .boolean), SyncColumn(name: "n", type: .bigint),
                       SyncColumn(name: "d", type: .doublePrecision)]
        CopyText.append([.text("a\tb\\c\nd"), .integer(0), .null, .real(.infinity)], columns: columns, extra: ["2026-01-01 00:00:00+00"], to: &buffer)
        #expect(String(buffer: buffer) == "a\\tb\\\\c\\nd\tf\t\\N\tInfinity\t2026-01-01 00:00:00+00\n")
    }

    @Test func dateTimePropertiesLandAsTimestamptzAndAValueThatIsNoTimeAsNull() {
        let made = SyncColumn.columns(for: [ResultSet.Column(name: "createTime", declaredType: ResultSet.Column.dateTimeDeclaredType),
                                            ResultSet.Column(name: "name", declaredType: "TEXT")], firstRows: [])
        #expect(made.map(\.type) == [.timestamptz, .text])
        for time in ["2026-12-07T05:50:00.123456789Z", "2026-12-07T05:50:00Z", "2026-12-07 05:50:00+05:30", "2026-12-07T05:50-0800",
                     "2026-02-28T23:59:60.5z", "2026-12-07T05:50:00"] {
            #expect(CopyText.isTimestamp(time), "\(time)")
        }
        for text in ["", "yesterday", "2026-13-07T05:50:00Z", "2026-12-07T24:00:00Z", "2026-12-07", "2026-12-07T05:50:00.Z",
                     "2026-12-07T05:50:00Zjunk", "2026-12-07T05:50:00+5", "２０２６-12-07T05:50:00Z"] {
            #expect(!CopyText.isTimestamp(text), "\(text)")
        }
        var buffer = ByteBuffer()
        CopyText.append([.text("2026-12-07T05:50:00Z"), .text("soon")], columns: [SyncColumn(name: "a", type: .timestamptz),
                        SyncColumn(name: "b", type: .timestamptz)], extra: [], to: &buffer)
        #expect(String(buffer: buffer) == "2026-12-07T05:50:00Z\t\\N\n")
    }
}
