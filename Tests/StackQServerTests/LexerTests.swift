import Testing
@testable import StackQServer

@Suite struct LexerTests {
    @Test func splitsAQueryIntoStatementsAtTopLevelSemicolons() {
        let statements = TokenizedSQL("SELECT 'a;b'; -- c;\nSELECT \"x;\" ; ;").statements()
        #expect(statements.map(\.sql.text) == ["SELECT 'a;b'", " -- c;\nSELECT \"x;\" "])
        #expect(statements.map(\.offset) == [0, 13])
    }

    @Test func numberedParametersBecomeTheEnginesPlaceholders() {
        let sql = TokenizedSQL("SELECT $2, '$1' WHERE a = $1")
        #expect(sql.withEngineParameters == "SELECT ?2, '$1' WHERE a = ?1")
        #expect(sql.parameterCount == 2)
    }

    @Test func dollarQuotedStringsAndCastsAreTokens() {
        let sql = TokenizedSQL("SELECT $$a;b$$::text")
        #expect(sql.significant.map(\.kind) == [.word, .string, .castOperator, .word])
        #expect(sql.statements().count == 1)
    }
}
