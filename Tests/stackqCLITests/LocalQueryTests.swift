import Testing

@Suite struct LocalQueryTests {
    @Test func theReadmeExamplePrintsExactJSON() throws {
        let output = try CLIRunner.run(["-e", #"SELECT 1 + 1 AS two, json_extract('{"a":[1,2]}', '$.a[1]') AS x"#, "-o", "json"])
        #expect(output.status == 0)
        #expect(output.stdout == #"[{"two":2,"x":2}]"# + "\n")
        #expect(output.stderr == "")
    }

    @Test func aSyntaxErrorGoesToStderrWithACaret() throws {
        let output = try CLIRunner.run(["-e", "SELECT name\nFORM t"])
        #expect(output.status != 0)
        #expect(output.stdout == "")
        #expect(output.stderr.contains("2:1"))
        #expect(output.stderr.contains("FORM t"))
        #expect(output.stderr.contains("^"))
    }

    @Test func aScriptOnStdinRunsEveryStatement() throws {
        let output = try CLIRunner.run(["-o", "csv"], stdin: "SELECT 1 AS a; SELECT 'x,y' AS b;")
        #expect(output.status == 0)
        #expect(output.stdout == "a\n1\nb\n\"x,y\"\n")
    }

    @Test func resultsBeforeAFailingStatementArePrinted() throws {
        let output = try CLIRunner.run(["-o", "csv", "-H", "-e", "SELECT 1; SELECT * FROM no_such_table; SELECT 3"])
        #expect(output.status == 1)
        #expect(output.stdout == "1\n")
        #expect(output.stderr.contains("no such table: no_such_table"))
    }

    @Test func sqliteOnlyStatementsGiveSQLitesAnswer() throws {
        let sql = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
            SELECT i, sum(i) OVER (ORDER BY i) AS running FROM n
            UNION ALL SELECT 10, 10 ORDER BY 1
            """
        let output = try CLIRunner.run(["-o", "csv", "-H", "-e", sql])
        #expect(output.status == 0)
        #expect(output.stdout == "1,1\n2,3\n3,6\n4,10\n5,15\n10,10\n")
    }

    @Test func jsonEachWorks() throws {
        let output = try CLIRunner.run(["-o", "text", "-H", "-e", #"SELECT key, value FROM json_each('{"a":1,"b":[2]}')"#])
        #expect(output.stdout == "a\t1\nb\t[2]\n")
    }

    @Test func tableOutputIsTheDefault() throws {
        let output = try CLIRunner.run(["-e", "SELECT NULL AS n, 'x' AS s"])
        #expect(output.stdout == "+------+---+\n| n    | s |\n+------+---+\n| NULL | x |\n+------+---+\n")
    }
}
