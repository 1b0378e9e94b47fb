import Foundation
@testable import StackQ
import StackQSyntax
import Testing

/// Issue 14 item 17: SQLite's errors in the user's terms, with the user's SQL and a caret.
@Suite struct SQLiteErrorTranslationTests {
    @Test func aMisspeltColumnNamesTheResourceAndSuggestsTheColumn() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let sql = "SELECT nme, state\nFROM google.dataproc.sessions WHERE projectsId = 'good' AND locationsId = 'l'"
        let error = try #require(await harness.error(sql) as? QueryError)
        let text = error.description
        #expect(text.hasPrefix("1:8: error: no such column nme in google.dataproc.sessions; did you mean name?"), "\(text)")
        #expect(text.contains("\nSELECT nme, state\n       ^~~"), "\(text)")
        #expect(!text.contains("sessions_"), "\(text)")
    }

    @Test func aStatementOurParserTakesButSQLiteRefusesGetsACaret() async throws {
        let engine = try Engine()
        let error = try await #require(throws: QueryError.self) {
            _ = try await engine.execute("SELECT 1;\nSELECT a FROM (SELECT 1 AS a) GROUP BY count(*)")
        }
        #expect(error.description.hasPrefix("2:"), "\(error)")
        #expect(error.description.contains("SELECT a FROM (SELECT 1 AS a) GROUP BY count(*)\n"), "\(error)")
        #expect(!error.description.contains("SQLite error"), "\(error)")
    }

    @Test(arguments: [
        ("SELECT main.t.* FROM (SELECT 1 AS a) t", "1:15:"),
        ("SELECT a.b.c.d FROM (SELECT 1 AS a) t", "1:9:"),
        ("SELECT count(count(1))", "1:8:"),
        ("SELECT 1 AS x UNION SELECT 2 ORDER BY count(*)", "1:30:"),
    ])
    func formsOurParserTakesButSQLiteRefusesAreShownInTheUsersSQL(_ sql: String, _ position: String) async throws {
        let engine = try Engine()
        let error = try await #require(throws: QueryError.self) { _ = try await engine.execute(sql) }
        #expect(error.description.hasPrefix(position), "\(error)")
        #expect(error.description.contains("\n\(sql)\n"), "\(error)")
        #expect(!error.description.contains("SQLite error"))
    }

    @Test func theTranslatorSaysWhichResourceAndSuggests() {
        let tables = ["sessions_1": SQLiteErrorTranslator.Table(resource: "google.dataproc.sessions", columns: ["name", "state"]),
                      "jobs_2": SQLiteErrorTranslator.Table(resource: "google.aiplatform.jobs", columns: ["displayName"])]
        let column = SQLiteErrorTranslator.translate(SQLiteError(code: 1, message: "no such column: s.stte"), tables: tables)
        #expect(column.message.contains("did you mean state?"))
        #expect(column.term == "stte")
        let table = SQLiteErrorTranslator.translate(SQLiteError(code: 1, message: "no such table: main.sessions_1"), tables: tables)
        #expect(table.message.hasPrefix("no such table: google.dataproc.sessions"))
        let other = SQLiteErrorTranslator.translate(SQLiteError(code: 1, message: #"near "x": syntax error in "sessions_1""#), tables: tables)
        #expect(!other.message.contains("sessions_1"))
    }

    @Test func aSyntaxErrorOnAHugeLineShowsAWindowAroundTheCaret() {
        let sql = "SELECT '" + String(repeating: "x", count: 1 << 20) + "' FROM FROM"
        do {
            _ = try Parser.parseScript(sql)
            Issue.record("expected a syntax error")
        } catch {
            let text = error.description
            #expect(text.count < 600, "\(text.count) characters")
            #expect(text.contains("FROM FROM"))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3)
            if lines.count == 3, let caret = lines[2].firstIndex(of: "^") {
                let column = lines[2].distance(from: lines[2].startIndex, to: caret)
                let shown = Array(lines[1])
                #expect(String(shown[column...].prefix(4)) == "FROM", "\(text)")
            }
        }
    }
}
