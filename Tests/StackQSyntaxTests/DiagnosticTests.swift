import Testing
import StackQSyntax

@Suite("Syntax errors say where and what was expected")
struct DiagnosticTests {
    /// The marker `⏏` in a test source stands where the error must point; it is removed before parsing.
    static let marker: Character = "⏏"

    private func expectError(_ marked: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var source = ""
        var line = 1
        var column = 1
        var found = false
        for character in marked {
            if character == Self.marker {
                found = true
                continue
            }
            source.append(character)
            if !found {
                if character == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
        #expect(found, "test source has no marker", sourceLocation: sourceLocation)
        do {
            let statements = try Parser.parseScript(source)
            Issue.record("expected an error, parsed \(statements.count) statements", sourceLocation: sourceLocation)
        } catch {
            #expect("\(error.line):\(error.column)" == "\(line):\(column)", "\(error)", sourceLocation: sourceLocation)
            #expect(error.message == message, sourceLocation: sourceLocation)
        }
    }

    @Test func misspelledKeyword() {
        expectError("DELETE ⏏FORM google.compute.instances WHERE a = 1", "expected FROM, found 'FORM'")
    }

    @Test(arguments: [
        ("SELECT a ⏏FORM t", "expected FROM, found 'FORM'"),
        ("SELECT * ⏏FORM t", "expected FROM, found 'FORM'"),
        ("SELECT a FROM t ⏏WEHRE a = 1", "expected WHERE, found 'WEHRE'"),
        ("SELECT a FROM t WHERE a = 1 ⏏ODRER BY a", "expected ORDER, found 'ODRER'"),
        ("SELECT a b ⏏c", "expected ';' or end of input, found 'c'"),
        ("UPDATE t ⏏SETT a = 1", "expected SET, found 'SETT'"),
        ("SELECT a FROM t u ⏏v", "expected ';' or end of input, found 'v'"),
    ])
    func misspeltClauseKeywords(_ marked: String, _ message: String) {
        expectError(marked, message)
    }

    @Test func errorOnLaterLine() {
        expectError("SELECT 1;\nSELECT a\n  FROM ⏏WHERE", "expected a table name, found 'WHERE'")
    }

    @Test func missingExpression() {
        expectError("SELECT a FROM t WHERE⏏ ", "expected an expression, found end of input")
    }

    @Test func endOfInputPointsPastTheLastToken() {
        expectError("SELECT * FROM⏏ \n\n  -- more to come\n", "expected a table name, found end of input")
    }

    @Test func columnCountsCharactersNotBytes() {
        expectError("SELECT 'héllo wörld', ⏏)", "expected an expression, found ')'")
    }

    @Test(arguments: [
        ("SELECT ⏏'abc", "unterminated string literal"),
        ("SELECT ⏏\"abc", "unterminated quoted identifier"),
        ("SELECT 1 ⏏/* never closed", "unterminated comment"),
        ("SELECT ⏏X'ABC'", "malformed blob literal: expected an even number of hexadecimal digits"),
        ("SELECT ⏏12abc", "malformed number"),
        ("SELECT a ⏏# b", "unexpected character '#'"),
        ("SELECT ⏏0x1FFFFFFFFFFFFFFFF", "hexadecimal literal too big"),
        ("SELECT a FROM t WHERE x ⏏! 1", "unexpected character '!'"),
        ("EXEC⏏ ", "expected a resource method name, found end of input"),
        ("EXEC google.compute.instances.start @project = ⏏project", "expected a literal value (string, number, TRUE, FALSE or NULL), found 'project'"),
        ("EXEC a.b.c.d @p = 'x', ⏏q = 1", "expected an argument like @name = 'value', found 'q'"),
        ("SHOW ⏏INDEXES", "expected PROVIDERS, SERVICES, RESOURCES, METHODS, CALLS, AUTH, TABLES, VIEWS or INSERT INTO, found 'INDEXES'"),
        ("REGISTRY ⏏FETCH google", "expected LIST or PULL after REGISTRY, found 'FETCH'"),
        ("INSERT INTO t (a) ⏏SET a = 1", "expected SELECT or VALUES, found 'SET'"),
        ("UPDATE t ⏏WHERE a = 1", "expected SET, found 'WHERE'"),
        ("SELECT a FROM a.b.c⏏.d", "a name has at most 3 dotted parts"),
        ("⏏FETCH 1", "expected a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE, CREATE, DROP, REFRESH, REGISTRY or EXPLAIN), found 'FETCH'"),
        ("SELECT CASE ⏏END", "expected an expression, found 'END'"),
        ("SELECT (1, 2⏏", "expected ')' or ',', found end of input"),
        ("SELECT * FROM a NATURAL ⏏ON", "expected JOIN after NATURAL, found 'ON'"),
    ])
    func messages(_ marked: String, _ message: String) {
        expectError(marked, message)
    }

    @Test func descriptionShowsLineAndCaret() throws {
        let error = try #require(throws: SyntaxError.self) {
            try Parser.parseStatement("SELECT name\nFROM t\nWHERE a = 1 LIMT 5")
        }
        #expect(error.description == """
            3:13: error: expected LIMIT, found 'LIMT'
            WHERE a = 1 LIMT 5
                        ^~~~
            """)
        #expect(error.summary == "3:13: error: expected LIMIT, found 'LIMT'")
    }

    @Test func caretKeepsTabs() throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parseStatement("\tSELECT\t@") }
        #expect(error.description.hasSuffix("\n\tSELECT\t@\n\t      \t^"))
    }

    @Test func invalidUTF8IsAnError() throws {
        let error = try #require(throws: SyntaxError.self) {
            try Parser.parseScript(bytes: Array("SELECT '".utf8) + [0xC3, 0x28] + Array("'".utf8))
        }
        #expect(error.message == "invalid UTF-8 byte")
        #expect(error.column == 9)
    }

    @Test(arguments: [
        "SELECT " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
        "SELECT " + String(repeating: "-", count: 1) + String(repeating: " -", count: 400) + " 1",
        "SELECT " + String(repeating: "NOT ", count: 400) + "1",
        String(repeating: "SELECT * FROM (", count: 250) + "SELECT 1" + String(repeating: ")", count: 250),
        "SELECT * FROM " + String(repeating: "(", count: 300) + "t" + String(repeating: ")", count: 300),
    ])
    func deepNestingIsRejected(_ source: String) throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parseScript(source) }
        #expect(error.message.hasPrefix("nesting too deep"))
    }

    @Test func moderateNestingIsAccepted() throws {
        let source = "SELECT " + String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(try Parser.parseScript(source).count == 1)
    }
}
