import Testing
@testable import StackQ

/// Statements that need no provider go parse → print → SQLite and must give exactly SQLite's own answer.
@Suite struct SQLiteRoundTripTests {
    @Test(arguments: [
        "WITH RECURSIVE fib(a, b, n) AS (SELECT 0, 1, 1 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 20) SELECT n, a FROM fib",
        "WITH t(x, g) AS (VALUES (1, 'a'), (2, 'a'), (3, 'b'), (NULL, 'b')) SELECT g, x, sum(x) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), rank() OVER w FROM t WINDOW w AS (ORDER BY x DESC NULLS LAST) ORDER BY g, x NULLS FIRST",
        #"SELECT j.key, j.value, j.type FROM json_each('{"a":1,"b":[2,3],"c":{"d":null}}') AS j ORDER BY j.key"#,
        #"SELECT t.fullkey, t.atom FROM json_tree('{"a":{"b":[1,2]}}') t WHERE t.atom IS NOT NULL"#,
        "SELECT 1 AS x UNION SELECT 2 UNION ALL SELECT 2 EXCEPT SELECT 1 INTERSECT SELECT 1 ORDER BY 1",
        #"SELECT '{"a":{"b":[5,6]}}' -> '$.a' ->> '$.b[1]', 'x' || 'y', CAST('12' AS INTEGER) + 1, 7 % 3, 1 << 4, ~5"#,
        "SELECT CASE WHEN 1 BETWEEN 0 AND 2 THEN 'in' ELSE 'out' END, 'abc' LIKE 'A%', 'abc' GLOB 'a*', NULL IS NOT DISTINCT FROM NULL",
        "WITH t(v) AS (VALUES (3), (1), (2)) SELECT group_concat(v, '-') FILTER (WHERE v > 1), count(DISTINCT v), max(v) FROM t",
        "SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2) WHERE x IN (SELECT 2) AND EXISTS (SELECT 1 WHERE 1)",
        "SELECT a.x, b.y FROM (SELECT 1 AS x) a LEFT JOIN (SELECT 1 AS x, 2 AS y) b USING (x) CROSS JOIN (SELECT 3) NATURAL JOIN (SELECT 4 AS z)",
        "SELECT typeof(1.5), X'41' = CAST('A' AS BLOB), 'it''s', 1e3, 0x1F, lower('ÅB') COLLATE NOCASE = 'åb'",
        "SELECT * FROM (VALUES (1, 'one'), (2, 'two')) LIMIT 1 OFFSET 1",
        "VALUES (1, 'one'), (2, 'two')",
    ])
    func printedStatementGivesSQLitesAnswer(_ sql: String) async throws {
        let direct = try await Database().query(sql)
        let engine = try Engine(configuration: EngineConfiguration(registryPath: "/nonexistent"))
        let viaEngine = try await engine.execute(sql)
        #expect(viaEngine.count == 1)
        #expect(viaEngine.first?.rows == direct.rows)
        #expect(viaEngine.first?.columns.count == direct.columns.count)
    }
}
