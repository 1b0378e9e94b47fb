import Foundation
import Logging
@testable import StackQ
import StackQEmulator
import StackQSyntax
import StackQTesting
import Synchronization
import Testing

/// Results that stream: ``Engine/rows(_:parameters:)``, ``ResultHandler``, ``ResultWriter``, and the logger.
@Suite struct StreamingTests {
    static let list = "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"

    /// What a handler was told, in order.
    final class Recorder: ResultHandler {
        enum Event: Equatable {
            case columns([String])
            case rows(Int)
            case finished(message: String?, calls: Int, rows: Int)
        }

        let events = Mutex<[Event]>([])
        let values = Mutex<[[SQLValue]]>([])

        func columns(_ columns: [ResultSet.Column]) async throws { events.withLock { $0.append(.columns(columns.map(\.name))) } }
        func rows(_ rows: [[SQLValue]]) async throws {
            events.withLock { $0.append(.rows(rows.count)) }
            values.withLock { $0 += rows }
        }
        func finished(_ result: ResultSet) async throws {
            events.withLock { $0.append(.finished(message: result.message, calls: result.calls.count, rows: result.rows.count)) }
        }
    }

    @Test func rowsStreamEveryRowOfAListInOrder() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 2300)) { harness in
            try await harness.withEngine { engine in
                var names: [String] = []
                for try await row in engine.rows(Self.list + " ORDER BY name") {
                    #expect(row.columns.map(\.name) == ["name", "state"])
                    names.append(row["name"]?.textValue ?? "")
                }
                #expect(names.count == 2300)
                #expect(names == names.sorted())
                #expect(Set(names).count == 2300)
            }
        }
    }

    @Test func bindParametersWorkInTheStream() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine { engine in
                var states: [String] = []
                for try await row in engine.rows("SELECT state FROM google.dataproc.sessions WHERE projectsId = ? AND locationsId = ? ORDER BY 1",
                                                 parameters: [.text("p"), .text("us-central1")]) {
                    states.append(row[0].textValue ?? "")
                }
                #expect(states == ["ACTIVE", "ACTIVE", "CREATING", "FAILED", "TERMINATED"])
            }
        }
    }

    @Test func stoppingEarlyCancelsTheStatementAndDropsItsTables() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 3000)) { harness in
            try await harness.withEngine { engine in
                var seen = 0
                // A cross join of 3000 × 3000 rows: far more than anyone waits for unless it is cancelled.
                for try await _ in engine.rows("SELECT a.name FROM google.dataproc.sessions a, google.dataproc.sessions b WHERE a.projectsId = 'demo' AND a.locationsId = 'us-central1' AND b.projectsId = 'demo' AND b.locationsId = 'us-central1'") {
                    seen += 1
                    if seen == 10 { break }
                }
                #expect(seen == 10)
                // The cancelled statement ends in the background; its tables go with it.
                var tables = -1
                for _ in 0..<500 {
                    tables = Int(try await engine.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")[0].rows[0][0].textValue ?? "") ?? -1
                    if tables == 0 { break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(tables == 0)
                #expect(try await engine.execute("SELECT 'still here'")[0].rows == [[.text("still here")]])
            }
        }
    }

    @Test func anErrorComesOutOfTheIteration() async throws {
        try await Engine.withEngine(EngineConfiguration(registryPath: EmulatorHarness.providers.path)) { engine in
            await #expect(throws: SyntaxError.self) {
                for try await _ in engine.rows("SELEC 1") {}
            }
            await #expect(throws: PlanError.self) {
                for try await _ in engine.rows("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p'") {}
            }
        }
    }

    @Test func aHandlerGetsTheColumnsThenChunksThenTheEnd() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 1100)) { harness in
            try await harness.withEngine { engine in
                let recorder = Recorder()
                try await engine.execute(script: Self.list + "; SHOW PROVIDERS; SELECT 1 AS one WHERE 0", handler: recorder)
                let events = recorder.events.withLock { $0 }
                #expect(events == [
                    .columns(["name", "state"]), .rows(512), .rows(512), .rows(76), .finished(message: nil, calls: 1, rows: 0),
                    .columns(["name", "version"]), .rows(1), .finished(message: nil, calls: 0, rows: 0),
                    .columns(["one"]), .finished(message: nil, calls: 0, rows: 0),
                ])
                #expect(recorder.values.withLock { $0.count } == 1101)
            }
        }
    }

    /// A handler that takes CSV lines.
    final class LineRecorder: ResultHandler {
        let formatter: ResultFormatter
        let columnNames = Mutex<[[String]]>([])
        let bytes = Mutex<[UInt8]>([])
        let rowChunks = Mutex(0)
        init(_ format: OutputFormat) { formatter = ResultFormatter(format: format) }
        func columns(_ columns: [ResultSet.Column]) async throws { columnNames.withLock { $0.append(columns.map(\.name)) } }
        func rows(_ rows: [[SQLValue]]) async throws {
            rowChunks.withLock { $0 += 1 }
            var out: [UInt8] = []
            for row in rows { formatter.delimitedLine(row, separator: UInt8(ascii: ","), quote: true, to: &out) }
            bytes.withLock { $0 += out }
        }
        func finished(_ result: ResultSet) async throws {}
        var lineWriter: ResultWriter? { ResultWriter(formatter) }
        func lines(_ bytes: [UInt8]) async throws { self.bytes.withLock { $0 += bytes } }
    }

    @Test func aHandlerThatTakesLinesGetsTheLinesOfTheRows() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 1100)) { harness in
            try await harness.withEngine { engine in
                let sql = "SELECT name, state, labels, createTime FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1' ORDER BY name"
                let recorder = LineRecorder(.csv)
                // A SELECT streams as lines; SHOW (collected) comes as rows.
                try await engine.execute(script: sql + "; SHOW PROVIDERS", handler: recorder)
                let collected = try #require(try await engine.execute(sql).last)
                var expected: [UInt8] = []
                for row in collected.rows { recorder.formatter.delimitedLine(row, separator: UInt8(ascii: ","), quote: true, to: &expected) }
                for row in try #require(try await engine.execute("SHOW PROVIDERS").last).rows {
                    recorder.formatter.delimitedLine(row, separator: UInt8(ascii: ","), quote: true, to: &expected)
                }
                #expect(recorder.columnNames.withLock { $0 } == [["name", "state", "labels", "createTime"], ["name", "version"]])
                #expect(recorder.rowChunks.withLock { $0 } == 1)
                #expect(collected.rows.count == 1100)
                #expect(String(decoding: recorder.bytes.withLock { $0 }, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            }
        }
    }

    @Test func aWriterFedInChunksWritesWhatTheFormatterWritesWhole() throws {
        let result = ResultSet(columns: [.init(name: "n"), .init(name: "doc", isJSON: true), .init(name: "t")],
                               rows: (0..<7).map { [.integer(Int64($0)), .text(#"{"a":[\#($0)]}"#), $0 % 2 == 0 ? .null : .text("x,\($0)")] })
        for format in OutputFormat.allCases where format != .table {
            let formatter = ResultFormatter(format: format)
            var writer = ResultWriter(formatter, tableSampleRows: 2)
            var out = writer.begin(result.columns)
            for chunk in stride(from: 0, to: result.rows.count, by: 3) {
                out += writer.write(Array(result.rows[chunk..<min(chunk + 3, result.rows.count)]))
            }
            out += writer.end(message: nil)
            #expect(String(decoding: out, as: UTF8.self) == formatter.format(result), "\(format)")
        }
    }

    @Test func aStreamedTableKeepsTheSamplesWidthsCuttingOnATerminalAndNotInAPipe() {
        let columns: [ResultSet.Column] = [.init(name: "name")]
        let rows: [[SQLValue]] = [[.text("ab")], [.text("abcd")], [.text("abcdefgh")]]
        func render(_ formatter: ResultFormatter) -> String {
            var writer = ResultWriter(formatter, tableSampleRows: 2)
            var out = writer.begin(columns)
            for row in rows { out += writer.write([row]) }
            out += writer.end(message: nil)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(render(ResultFormatter(format: .table, maximumCellWidth: 100, maximumTableWidth: 80)) == """
            +------+
            | name |
            +------+
            | ab   |
            | abcd |
            | abc… |
            +------+

            """)
        #expect(render(ResultFormatter(format: .table, maximumCellWidth: .max)) == """
            +------+
            | name |
            +------+
            | ab   |
            | abcd |
            | abcdefgh |
            +------+

            """)
    }

    @Test func csvAndTextWriteNumbersAndEscapesExactly() {
        let result = ResultSet(columns: [.init(name: "n"), .init(name: "a,b"), .init(name: "r")],
                               rows: [[.integer(0), .text("plain"), .real(1.5)],
                                      [.integer(-42), .text("say \"hi\", then\nleave"), .null],
                                      [.integer(.min), .text("tab\there \\ back"), .real(2)],
                                      [.integer(.max), .blob(Array("bytes".utf8)), .integer(7)]])
        #expect(ResultFormatter(format: .csv).format(result) == """
            n,"a,b",r
            0,plain,1.5
            -42,"say ""hi"", then
            leave",
            -9223372036854775808,tab\there \\ back,2.0
            9223372036854775807,bytes,7

            """)
        #expect(ResultFormatter(format: .text).format(result) == """
            n\ta,b\tr
            0\tplain\t1.5
            -42\tsay "hi", then\\nleave\t
            -9223372036854775808\ttab\\there \\\\ back\t2.0
            9223372036854775807\tbytes\t7

            """)
    }

    @Test func wideCharactersTakeTwoColumnsAndMarksNone() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("🚀") == 2)
        #expect(DisplayWidth.cut("日本語", to: 5) == "日本…")
        let result = ResultSet(columns: [.init(name: "name"), .init(name: "n")],
                               rows: [[.text("東京"), .integer(1)], [.text("Paris"), .integer(22)]])
        #expect(ResultFormatter(format: .table).format(result) == """
            +-------+----+
            | name  | n  |
            +-------+----+
            | 東京  | 1  |
            | Paris | 22 |
            +-------+----+

            """)
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    @Test func theConfigurationsLoggerGetsEveryCallAndNoToken() async throws {
        let store = Lines()
        try await EmulatorHarness.with(seed: .standard) { harness in
            try await harness.withEngine(configure: { configuration in
                configuration.logger = Logger(label: "test") { _ in SharedHandler(store: store) }
            }) { engine in
                _ = try await engine.execute("SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId IN ('us-central1', 'europe-west1')")
            }
        }
        let lines = store.lines.withLock { $0 }
        #expect(lines.filter { $0.hasPrefix("debug call finished") }.count == 2)
        #expect(lines.contains { $0.contains("method=google.dataproc.sessions.projects_locations_sessions_list") && $0.contains("locationsId='europe-west1'") })
        #expect(!lines.contains { $0.contains(EmulatorHarness.token) })
    }

    /// A log handler writing into a store the test reads.
    struct SharedHandler: LogHandler {
        let store: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            store.lines.withLock { $0.append("\(event.level) \(event.message) \(fields.joined(separator: " "))") }
        }
    }
}
