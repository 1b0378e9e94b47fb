import Testing
import StackQSyntax

/// CREATE TABLE|VIEW, DROP, REFRESH and SHOW TABLES|VIEWS: what they parse to, that they print back to the same
/// tree, and where their errors point.
@Suite("The user's tables and views")
struct StoreStatementTests {
    static let statements = [
        "CREATE TABLE notes (id INTEGER, text TEXT, price DOUBLE PRECISION, code VARCHAR(20), untyped)",
        "CREATE TABLE IF NOT EXISTS notes (id)",
        "CREATE TABLE snapshot AS SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'p'",
        "CREATE VIEW active AS SELECT name FROM google.dataproc.sessions WHERE state = 'ACTIVE'",
        "CREATE OR REPLACE VIEW active AS SELECT name FROM google.dataproc.sessions",
        "CREATE MATERIALIZED VIEW daily AS SELECT count(*) AS n FROM google.compute.instances WHERE project = 'p'",
        "CREATE OR REPLACE MATERIALIZED VIEW daily AS WITH t AS (SELECT 1 AS a) SELECT a FROM t",
        "DROP TABLE notes",
        "DROP VIEW IF EXISTS active",
        "DROP MATERIALIZED VIEW daily",
        "REFRESH MATERIALIZED VIEW daily",
        "SHOW TABLES",
        "SHOW VIEWS LIKE 'a%'",
        "INSERT INTO notes (id, text) SELECT 1, name FROM google.dataproc.sessions WHERE projectsId = 'p'",
        "DELETE FROM notes WHERE id = 1",
        "EXPLAIN SELECT * FROM active WHERE projectsId = 'p'",
    ]

    @Test(arguments: statements)
    func printsBackToTheSameTree(_ source: String) throws {
        let statement = try Parser.parseStatement(source)
        let printed = SQLPrinter.print(statement)
        let reparsed = try Parser.parseStatement(printed)
        #expect(statement.isStructurallyEqual(to: reparsed), "printed: \(printed)")
        #expect(SQLPrinter.print(reparsed) == printed)
    }

    @Test func createTableKeepsColumnsAndTypes() throws {
        guard case .createTable(let create) = try Parser.parseStatement("CREATE TABLE t (a INTEGER, b varchar ( 20 ), c)") else {
            Issue.record("not a CREATE TABLE")
            return
        }
        #expect(create.name.dotted == "t")
        #expect(create.columns.map(\.name.name) == ["a", "b", "c"])
        #expect(create.columns.map(\.type) == ["INTEGER", "VARCHAR(20)", nil])
        #expect(create.source == nil)
    }

    @Test func createViewKnowsReplaceAndMaterialized() throws {
        guard case .createView(let create) = try Parser.parseStatement("CREATE OR REPLACE MATERIALIZED VIEW v AS SELECT 1") else {
            Issue.record("not a CREATE VIEW")
            return
        }
        #expect(create.orReplace && create.materialized)
        #expect(create.name.dotted == "v")
    }

    @Test func dropKnowsItsKind() throws {
        guard case .drop(let drop) = try Parser.parseStatement("DROP MATERIALIZED VIEW IF EXISTS v") else {
            Issue.record("not a DROP")
            return
        }
        #expect(drop.kind == .materializedView && drop.ifExists)
    }

    @Test(arguments: [
        ("CREATE ⏏INDEX i ON t (a)", "expected TABLE, VIEW or MATERIALIZED VIEW after CREATE, found 'INDEX'"),
        ("CREATE MATERIALIZED ⏏TABLE t AS SELECT 1", "expected VIEW after MATERIALIZED, found 'TABLE'"),
        ("CREATE OR REPLACE ⏏TABLE t (a)", "expected VIEW or MATERIALIZED VIEW after OR REPLACE, found 'TABLE'"),
        ("CREATE VIEW v ⏏SELECT 1", "expected AS, found 'SELECT'"),
        ("CREATE TABLE t (a INTEGER ⏏PRIMARY KEY)", "expected ',' or ')' after the column (a column is a name and a type; constraints are not supported), found 'PRIMARY'"),
        ("CREATE TABLE t ⏏;", "expected '(' with the columns, or AS SELECT, found ';'"),
        ("DROP ⏏INDEX i", "expected TABLE, VIEW or MATERIALIZED VIEW after DROP, found 'INDEX'"),
        ("SELECT 1;\nREFRESH ⏏VIEW v", "expected MATERIALIZED, found 'VIEW'"),
    ])
    func errorsSayWhereAndWhat(_ marked: String, _ message: String) {
        let source = String(marked.filter { $0 != "⏏" })
        let offset = marked.distance(from: marked.startIndex, to: marked.firstIndex(of: "⏏")!)
        let before = marked.prefix(offset)
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        do {
            _ = try Parser.parseScript(source)
            Issue.record("expected an error")
        } catch let error as SyntaxError {
            #expect("\(error.line):\(error.column)" == "\(line):\(column)", "\(error)")
            #expect(error.message == message)
        } catch {
            Issue.record("not a SyntaxError: \(error)")
        }
    }
}
