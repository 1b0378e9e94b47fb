import Testing
import StackQSyntax

/// Forms StackQL's published provider docs write, which plain SQLite would not take.
@Suite("StackQL's documented forms: bare keyword columns, EXEC arguments without commas")
struct DocumentedSyntaxTests {
    private func columnNames(_ expressions: [SQLExpression]) -> [String] {
        expressions.map { expression in
            guard case .column(let column) = expression else { return "not a column: \(expression)" }
            return column.column.name
        }
    }

    private func resultExpressions(_ columns: [ResultColumn]) -> [SQLExpression] {
        columns.compactMap { column in
            if case .expression(let expression, _, _) = column { return expression }
            return nil
        }
    }

    @Test func keywordsNameColumnsInTheSelectListAndWhere() throws {
        let source = "SELECT name, values, group, order, primary, references FROM google.svc.res "
            + "WHERE group = 'x' AND order IN (1, 2) AND values IS NOT NULL ORDER BY order DESC, group"
        guard case .select(let select) = try Parser.parseStatement(source), case .select(let core) = select.first else {
            Issue.record("not a simple select")
            return
        }
        #expect(columnNames(resultExpressions(core.columns)) == ["name", "values", "group", "order", "primary", "references"])
        let conjuncts = try #require(core.whereClause).conjuncts
        #expect(conjuncts.count == 3)
        #expect(columnNames(conjuncts.compactMap(\.children.first)) == ["group", "order", "values"])
        #expect(columnNames(select.orderBy.map(\.expression)) == ["order", "group"])
        #expect(select.orderBy.first?.direction == .descending)
    }

    @Test func keywordsNameColumnsInInsertUpdateAndReturning() throws {
        guard case .insert(let insert) = try Parser.parseStatement(
            "INSERT INTO google.svc.res (group, values, name) SELECT 'g', '[]', 'n' RETURNING name, values, group"
        ) else {
            Issue.record("not an INSERT")
            return
        }
        #expect(insert.columns.map(\.name) == ["group", "values", "name"])
        #expect(columnNames(resultExpressions(insert.returning)) == ["name", "values", "group"])
        guard case .update(let update) = try Parser.parseStatement(
            "UPDATE google.svc.res SET group = 'g', order = 2 WHERE primary = TRUE RETURNING references"
        ) else {
            Issue.record("not an UPDATE")
            return
        }
        #expect(update.assignments.map(\.column.name) == ["group", "order"])
        #expect(columnNames(resultExpressions(update.returning)) == ["references"])
    }

    @Test(arguments: [
        "SELECT values, group AS g, json_extract(values, '$.a'), values ->> '$.b' FROM t WHERE x IN (values, group)",
        "SELECT count(*) FROM t GROUP BY group HAVING count(order) > 1 ORDER BY order LIMIT 3",
        "SELECT a FROM t WHERE limit > 5 AND (values) = '[]' AND index BETWEEN 1 AND default",
        "SELECT t.group, u.values FROM t JOIN u USING (group, values)",
    ])
    func keywordColumnsPrintQuotedAndReadBackTheSame(_ source: String) throws {
        let statement = try Parser.parseStatement(source)
        let printed = SQLPrinter.print(statement)
        #expect(printed.contains("\"values\"") || printed.contains("\"group\""))
        #expect(try Parser.parseStatement(printed).isStructurallyEqual(to: statement))
    }

    @Test func execArgumentsMayNameNestedParametersWithDots() throws {
        guard case .exec(let exec) = try Parser.parseStatement(
            "EXEC google.svc.res.launch @projectId = 'p1' @dynamicTemplate.gcsPath = 'gs://b/t' --required,\n@location='x'") else {
            Issue.record("not an EXEC")
            return
        }
        #expect(exec.arguments.map(\.name) == ["projectId", "dynamicTemplate.gcsPath", "location"])
        // With a space the dot is not part of the name, as before.
        #expect(throws: SyntaxError.self) { try Parser.parseStatement("EXEC google.svc.res.m @a . b = '1'") }
    }

    @Test func subqueriesStillStartWithValuesSelectOrWith() throws {
        for source in ["SELECT * FROM t WHERE a IN (VALUES (1), (2))", "SELECT (VALUES (1))",
                       "SELECT (WITH c AS (SELECT 1) SELECT * FROM c)", "SELECT a FROM t WHERE a IN (SELECT 1)"] {
            let printed = SQLPrinter.print(try Parser.parseStatement(source))
            #expect(printed.contains("VALUES (") || printed.contains("SELECT 1"), "\(source) → \(printed)")
        }
    }

    /// A keyword where an operand is missing, or an EXEC argument cut short, still says what was expected.
    @Test(arguments: [
        ("SELECT FROM t", "expected an expression, found 'FROM'"),
        ("SELECT a, FROM t", "expected an expression, found 'FROM'"),
        ("SELECT a FROM t WHERE GROUP BY a", "expected an expression, found 'GROUP'"),
        ("SELECT a FROM t WHERE a = ORDER BY a", "expected an expression, found 'ORDER'"),
        ("SELECT a FROM t WHERE a = 1 AND", "expected an expression, found end of input"),
        ("SELECT CASE WHEN a THEN 1 ELSE END", "expected an expression, found 'END'"),
        ("SELECT a FROM t WHERE values 'x'", "expected an expression, found 'values'"),
        ("SELECT group g FROM t", "expected an expression, found 'group'"),
        ("UPDATE t SET WHERE a = 1", "expected a column name, found 'WHERE'"),
        ("EXEC google.svc.res.meth @a='1',", "expected an argument like @name = 'value', found end of input"),
        ("EXEC google.svc.res.meth @a='1' @b", "expected '=', found end of input"),
        ("EXEC google.svc.res.meth @a='1' ?", "expected ';' or end of input, found '?'"),
    ])
    func aMissingOperandIsStillAnError(_ source: String, _ message: String) throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parseStatement(source) }
        #expect(error.message == message)
    }

    @Test func execArgumentsOnePerLineWithTheCommaInAComment() throws {
        let source = """
            EXEC google.svc.res.meth
            @projectsId='p1' --required,
            @zone='z' --required
            @@json='{"a": 1}';
            """
        guard case .exec(let exec) = try Parser.parseStatement(source) else {
            Issue.record("not an EXEC")
            return
        }
        #expect(exec.arguments.map(\.name) == ["projectsId", "zone"])
        #expect(exec.arguments.map(\.value) == [.string("p1"), .string("z")])
        #expect(exec.jsonBody == #"{"a": 1}"#)
    }

    @Test(arguments: [
        "EXEC google.svc.res.meth @a='1' @b=2 @c=TRUE",
        "EXEC google.svc.res.meth @a='1', @b=2 @c=TRUE",
        "EXEC google.svc.res.meth @a='1'\n@b=2,\n@c=TRUE",
        "EXEC google.svc.res.meth @a = '1' /* first */ @b = 2 -- second\n @c = TRUE",
    ])
    func execArgumentsSeparatedByCommasOrWhitespace(_ source: String) throws {
        guard case .exec(let exec) = try Parser.parseStatement(source) else {
            Issue.record("not an EXEC")
            return
        }
        #expect(exec.arguments.map(\.name) == ["a", "b", "c"])
        #expect(exec.arguments.map(\.value) == [.string("1"), .integer(2), .bool(true)])
    }
}
