import Foundation
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

/// `--registry` after a subcommand's name reaches the subcommand (ArgumentParser gives a parent's option to the
/// parent; both share one option group). STACKQ_REGISTRY (set by ``CLIRunner``) names another registry, which
/// `--registry` must override.
@Suite struct RegistryOptionTests {
    @Test func subcommandsReadTheRegistryTheyAreGiven() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-empty-registry-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let list = try CLIRunner.run(["registry", "list", "--registry", folder.path])
        #expect(list.status == 0)
        #expect(list.stderr.contains("registry: \(folder.standardizedFileURL.path)"), "\(list.stderr)")
        #expect(!list.stdout.contains("google"))
        // The bundled registry has google; the empty one does not, so the emulator names the provider.
        let emulator = try CLIRunner.run(["emulator", "--registry", folder.path, "--service", "google.nosuch"])
        #expect(emulator.status == 1)
        #expect(emulator.stderr.contains("unknown provider 'google'"), "\(emulator.stderr)")
        let query = try CLIRunner.run(["-e", "SHOW SERVICES IN google", "--registry", folder.path])
        #expect(query.status != 0)
        #expect(query.stderr.contains("unknown provider 'google'"), "\(query.stderr)")
    }
}
