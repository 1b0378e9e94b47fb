import Testing
import StackQSyntax

@Suite("The statement splitter finds complete statements")
struct SplitterTests {
    @Test(arguments: [
        ("SELECT 1;", true),
        ("SELECT 1", false),
        ("", false),
        ("SELECT 'a;b'", false),
        ("SELECT 'a;b';", true),
        ("SELECT 'unterminated;", false),
        ("SELECT 1; -- trailing comment", true),
        ("SELECT 1; /* open", false),
        ("SELECT 1 /* ; */", false),
        ("SELECT \"a;\" FROM t;\n  ", true),
        ("SELECT 1 -- ;", false),
        ("SELECT [x;y]", false),
        ("SELECT 'it''s;'", false),
        ("SELECT 1;\nSELECT 2", false),
    ])
    func isComplete(_ text: String, _ complete: Bool) {
        #expect(StatementSplitter.isComplete(text) == complete)
    }

    @Test func splitSkipsEmptyStatementsAndKeepsQuotedSemicolons() {
        let script = "SELECT 'a;b';;\n -- only a comment\n;EXEC x.y @a = ';' ;  SELECT 3"
        #expect(StatementSplitter.split(script) == ["SELECT 'a;b'", "EXEC x.y @a = ';'", "SELECT 3"])
    }

    @Test func piecesCarryRanges() {
        let pieces = StatementSplitter.pieces("  SELECT 1 ; SELECT 2")
        #expect(pieces.map(\.range) == [SourceRange(start: 2, end: 10), SourceRange(start: 13, end: 21)])
    }
}
