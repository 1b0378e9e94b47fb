import Testing
import StackQSyntax

@Suite("Walking table references and printing with replaced tables")
struct TraversalTests {
    private func select(_ source: String) throws -> SelectStatement {
        guard case .select(let select) = try Parser.parseStatement(source) else {
            throw SyntaxError("not a SELECT", at: SourceRange(start: 0, end: 0), in: [])
        }
        return select
    }

    @Test func visitsTablesEverywhereButCTEs() throws {
        let s = try select("""
            WITH c AS (SELECT * FROM p.s.in_cte) \
            SELECT (SELECT 1 FROM p.s.in_select_list), x FROM c, p.s.in_from a \
            JOIN (SELECT * FROM p.s.in_subquery) q ON q.id IN (SELECT id FROM p.s.in_on) \
            WHERE EXISTS (SELECT 1 FROM p.s.in_where) \
            UNION SELECT 1 FROM p.s.in_compound JOIN (p.s.in_paren_join CROSS JOIN json_each(x)) ON 1
            """)
        var names: [String] = []
        s.forEachTableReference { names.append($0.name.dotted) }
        #expect(names == ["p.s.in_cte", "p.s.in_select_list", "p.s.in_from", "p.s.in_subquery", "p.s.in_on",
                          "p.s.in_where", "p.s.in_compound", "p.s.in_paren_join"])
        var ctes: [String] = []
        s.forEachNamedTable { table, isCTE in if isCTE { ctes.append(table.name.dotted) } }
        #expect(ctes == ["c"])
        #expect(s.commonTableExpressionNames == ["c"])
    }

    @Test func columnUsageListsColumnsOfEveryClauseStarsAndJoinColumns() throws {
        let s = try select("""
            WITH c AS (SELECT a1 FROM p.s.one) \
            SELECT upper(t.b1), c.* FROM c JOIN p.s.two t ON t.b2 = c.a1 JOIN p.s.three USING (u1) \
            WHERE EXISTS (SELECT * FROM p.s.four f WHERE f.d1 = t.b3) AND x1 IN (SELECT y1 FROM p.s.five) \
            GROUP BY g1 HAVING max(h1) > 0 WINDOW w AS (PARTITION BY w1 ORDER BY w2) ORDER BY o1 LIMIT (SELECT count(l1) FROM p.s.six)
            """)
        let usage = s.columnUsage
        #expect(usage.columns.map(\.column.name).sorted()
            == ["a1", "a1", "b1", "b2", "b3", "d1", "g1", "h1", "l1", "o1", "w1", "w2", "x1", "y1"])
        #expect(usage.columns.first { $0.column.name == "b1" }?.qualifier.map(\.name) == ["t"])
        #expect(usage.wholeTables.map(\.name.dotted) == ["p.s.four"])
        #expect(usage.tableStars.map { $0.map(\.name) } == [["c"]])
        #expect(usage.usingColumns.map(\.name) == ["u1"])
        #expect(try select("SELECT 1 FROM p.s.a NATURAL JOIN (p.s.b JOIN p.s.c ON 1)").columnUsage.wholeTables.map(\.name.dotted)
            == ["p.s.a", "p.s.b", "p.s.c"])
        #expect(try select("SELECT count(*) FROM p.s.a").columnUsage.wholeTables.isEmpty)
    }

    @Test func recursiveCTEReferenceIsNotAResource() throws {
        let s = try select("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT * FROM n, google.compute.instances")
        var names: [String] = []
        s.forEachTableReference { names.append($0.name.dotted) }
        #expect(names == ["google.compute.instances"])
    }

    @Test func simpleSelectsKnowTheCTEsInScope() throws {
        let s = try select("WITH Recent AS (SELECT * FROM p.s.r) SELECT * FROM recent JOIN p.s.other o ON 1 WHERE x IN (SELECT y FROM p.s.third)")
        var resources: [String] = []
        var scopes: [Set<String>] = []
        s.forEachSimpleSelect { core, cteNames in
            scopes.append(cteNames)
            for case .named(let table) in core.from?.allTables ?? [] where !table.isCommonTableExpression(in: cteNames) {
                resources.append(table.name.dotted)
            }
        }
        #expect(resources == ["p.s.r", "p.s.other", "p.s.third"])
        #expect(scopes == [["recent"], ["recent"], ["recent"]])
    }

    @Test(arguments: [
        ("INSERT INTO a.b.target (x) SELECT y FROM a.b.source WHERE z IN (SELECT z FROM a.b.other)", ["a.b.source", "a.b.other"]),
        ("UPDATE a.b.target SET x = (SELECT 1 FROM a.b.one) WHERE y IN (SELECT y FROM a.b.two)", ["a.b.one", "a.b.two"]),
        ("DELETE FROM a.b.target WHERE EXISTS (SELECT 1 FROM a.b.one) RETURNING (SELECT 2 FROM a.b.two)", ["a.b.one", "a.b.two"]),
        ("EXEC a.b.c.m @x = 1", []),
    ])
    func statementsListTheirTableReferences(_ source: String, _ expected: [String]) throws {
        var names: [String] = []
        try Parser.parseStatement(source).forEachTableReference { names.append($0.name.dotted) }
        #expect(names == expected)
    }

    @Test func referenceIdentityIsItsRange() throws {
        let s = try select("SELECT * FROM a.b.c x JOIN a.b.c y ON x.id = y.id")
        var ids: [SourceRange] = []
        s.forEachTableReference { ids.append($0.id) }
        #expect(ids.count == 2 && ids[0] != ids[1])
    }

    @Test func simpleSelectsGiveFromWhereAndOn() throws {
        let s = try select("SELECT * FROM a.b.c x JOIN a.b.d y ON x.id = y.id WHERE x.p = 'v' AND y.q IN (SELECT 1 FROM e WHERE z = 2)")
        var wheres: [String] = []
        var ons: [String] = []
        s.forEachSimpleSelect { core in
            if let condition = core.whereClause { wheres.append(SQLPrinter.print(condition)) }
            ons += core.from?.onConditions.map { SQLPrinter.print($0) } ?? []
        }
        #expect(wheres == ["x.p = 'v' AND y.q IN (SELECT 1 FROM e WHERE z = 2)", "z = 2"])
        #expect(ons == ["x.id = y.id"])
    }

    @Test func parenthesizedJoinsFlatten() throws {
        let s = try select("SELECT * FROM a, (b JOIN (c JOIN d ON c.x = d.x) ON b.y = c.y) JOIN e ON e.z = a.z")
        guard case .select(let core) = s.first, let from = core.from else {
            Issue.record("no FROM")
            return
        }
        #expect(from.tables.count == 3)
        #expect(from.allTables.count == 5)
        #expect(from.onConditions.map { SQLPrinter.print($0) } == ["e.z = a.z"])
        #expect(from.allOnConditions.map { SQLPrinter.print($0) } == ["e.z = a.z", "b.y = c.y", "c.x = d.x"])
    }

    @Test func printerReplacesTablesKeepingAliases() throws {
        let s = try select("""
            SELECT s.name, sessions.state, google.dataproc.sessions.uuid, i.name \
            FROM google.dataproc.sessions JOIN google.compute.instances i ON 1 JOIN s2 s ON 1 \
            WHERE s.x IN (SELECT 1 FROM google.compute.instances)
            """)
        var next = 0
        let printed = SQLPrinter.print(s) { table in
            guard table.name.parts.count == 3 else { return nil }
            defer { next += 1 }
            return "t\(next)"
        }
        #expect(printed == """
            SELECT s.name, sessions.state, sessions.uuid, i.name \
            FROM "t0" AS sessions JOIN "t1" AS i ON 1 JOIN s2 AS s ON 1 \
            WHERE s.x IN (SELECT 1 FROM "t2" AS instances)
            """)
    }

    @Test func landingPageExample() throws {
        let statements = try Parser.parseScript("""
            SELECT name, json_extract(runtimeInfo, '$.endpoints') ep
            FROM google.dataproc.sessions
            WHERE projectsId = 'p' AND locationsId = 'us-central1';
            """)
        guard case .select(let select) = statements[0] else {
            Issue.record("not a SELECT")
            return
        }
        var ids: [SourceRange] = []
        select.forEachTableReference { ids.append($0.id) }
        #expect(ids == [SourceRange(start: 62, end: 86)])
        #expect(SQLPrinter.print(select) { _ in "t0" } == """
            SELECT name, json_extract(runtimeInfo, '$.endpoints') AS ep FROM "t0" AS sessions \
            WHERE projectsId = 'p' AND locationsId = 'us-central1'
            """)
    }

    @Test func printerNeverReplacesCTEReferences() throws {
        let s = try select("WITH x AS (SELECT 1) SELECT * FROM x, y")
        var asked: [String] = []
        let printed = SQLPrinter.print(s) { table in
            asked.append(table.name.dotted)
            return "t_" + table.name.dotted
        }
        #expect(asked == ["y"])
        #expect(printed == "WITH x AS (SELECT 1) SELECT * FROM x, \"t_y\" AS y")
    }

    @Test func replacementAliasOfKeywordNameIsQuoted() throws {
        let s = try select("SELECT 1 FROM p.s.values")
        #expect(SQLPrinter.print(s) { _ in "t" } == "SELECT 1 FROM \"t\" AS \"values\"")
    }

    @Test func reservedWordsAfterDotsArePrintedQuoted() throws {
        let statement = try Parser.parseStatement("EXEC google.compute.instances.insert @project = 'p'")
        #expect(SQLPrinter.print(statement) == "EXEC google.compute.instances.\"insert\" @project = 'p'")
        let select = try select("SELECT t.values FROM t")
        #expect(SQLPrinter.print(select) == "SELECT t.\"values\" FROM t")
    }

    @Test func conjunctsSplitNestedAnds() throws {
        let e = try Parser.parseExpression("a = 1 AND (b = 2 AND c IN (1, 2)) AND d OR e")
        #expect(e.conjuncts.count == 1)
        guard case .binary(.or, let lhs, _, _) = e else {
            Issue.record("not OR")
            return
        }
        #expect(lhs.conjuncts.map { SQLPrinter.print($0) } == ["a = 1", "b = 2", "c IN (1, 2)", "d"])
    }
}
