import Testing
import StackQSyntax

/// Issue 14 item 19: SQLite's `INDEXED BY name` and `NOT INDEXED` after a table name.
@Suite struct IndexHintTests {
    func table(_ source: String) throws -> NamedTable? {
        guard case .select(let select) = try Parser.parseStatement(source), case .select(let core) = select.first,
              case .named(let table)? = core.from?.first else { return nil }
        return table
    }

    @Test func notIndexedParsesAndPrints() throws {
        let source = "SELECT group_concat(x) FROM t1 NOT INDEXED"
        let named = try #require(try table(source))
        #expect(named.indexHint == .notIndexed)
        let statement = try Parser.parseStatement(source)
        #expect(SQLPrinter.print(statement) == "SELECT group_concat(x) FROM t1 NOT INDEXED")
    }

    @Test(arguments: ["SELECT * FROM t1 INDEXED BY i1 WHERE a = 1", "SELECT * FROM t1 AS x INDEXED BY \"i 1\"",
                      "SELECT * FROM main.t1 x NOT INDEXED JOIN t2 INDEXED BY i2 ON 1"])
    func indexHintsRoundTrip(_ source: String) throws {
        let statement = try Parser.parseStatement(source)
        let printed = SQLPrinter.print(statement)
        #expect(try Parser.parseStatement(printed).isStructurallyEqual(to: statement), "\(printed)")
        #expect(printed.contains("INDEXED"))
    }

    @Test func indexedWithoutByIsAnError() {
        #expect(throws: SyntaxError.self) { try Parser.parseStatement("SELECT * FROM t1 INDEXED i1") }
    }
}
