import Foundation
@testable import StackQ
import StackQSyntax
import Testing

/// Issue 14 items 6 and 15: a literal means what it says, whatever scalars surround its quotes, NULs included.
@Suite struct QuotingTests {
    static func rows(_ sql: String) async throws -> [[String?]] {
        let engine = try Engine()
        return try await engine.execute(sql).last?.rows.map { $0.map(\.textValue) } ?? []
    }

    @Test func aQuoteJoinedIntoAGraphemeIsStillDoubled() async throws {
        #expect(try await Self.rows("SELECT 1 AS n WHERE 'q'='x\u{0600}'' OR 1=1 --'").isEmpty)
        #expect(try await Self.rows("SELECT 1 AS n WHERE 'q'='x\u{0301}'' OR 1=1 --'").isEmpty)
    }

    /// Scalars that join the character before or after them into one grapheme, of every class that does.
    static let joiners: [Unicode.Scalar] = [
        "\u{0301}", "\u{0600}", "\u{200D}", "\u{FE0F}", "\u{1F3FB}", "\u{093F}", "\u{0E33}", "\u{1160}", "\u{11A8}",
        "\u{1F1E6}", "\u{E0020}", "\u{110BD}", "\u{0D4E}", "\u{200C}", "\u{0903}",
    ]

    @Test(arguments: joiners)
    func literalsAndIdentifiersRoundTripThroughSQLite(_ scalar: Unicode.Scalar) async throws {
        for text in ["x\(scalar)'", "'\(scalar)", "\(scalar)'\(scalar)", "a'\(scalar)'b"] {
            let literal = SQLPrinter.quoteString(text)
            let identifier = SQLPrinter.quoteIdentifier(text.replacingOccurrences(of: "'", with: "\""))
            let rows = try await Self.rows("SELECT \(literal) AS v, 1 AS \(identifier)")
            #expect(rows == [[text, "1"]], "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func aNulInsideALiteralReachesSQLite() async throws {
        let rows = try await Self.rows("SELECT hex('a\u{0}b') AS h, 'a\u{0}b' = 'a' AS same")
        #expect(rows == [["610062", "0"]])
    }
}
