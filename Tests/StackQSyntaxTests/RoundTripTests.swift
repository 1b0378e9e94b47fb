import Testing
import StackQSyntax

@Suite("Printing then reparsing gives the same tree")
struct RoundTripTests {
    @Test(arguments: Corpus.all)
    func printedStatementReparsesToSameTree(_ source: String) throws {
        let statement = try Parser.parseStatement(source)
        let printed = SQLPrinter.print(statement)
        let reparsed = try Parser.parseStatement(printed)
        #expect(statement.isStructurallyEqual(to: reparsed), "printed: \(printed)")
        #expect(SQLPrinter.print(reparsed) == printed)
    }

    @Test func wholeCorpusAsOneScript() throws {
        let script = Corpus.all.map { $0.hasSuffix(";") ? $0 : $0 + ";" }.joined(separator: "\n")
        let statements = try Parser.parseScript(script)
        #expect(statements.count == Corpus.all.count)
    }
}
